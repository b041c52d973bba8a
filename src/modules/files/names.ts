/** The longest file name kept (characters). */
export const NAME_MAX = 255;

/**
 * A file name as stored and shown: the last segment of any path (so `../../etc/passwd` is `passwd`),
 * without control and format characters (NUL, newlines, bidi overrides), trimmed, at most 255
 * characters; a name left empty or made of dots only is `file`.
 */
export function sanitizeName(raw: string | undefined | null): string {
  const last = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const clean = last
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = [...clean].slice(0, NAME_MAX).join('');
  return cut === '' || /^\.+$/.test(cut) ? 'file' : cut;
}

/**
 * `Content-Disposition` for a name (RFC 6266 with RFC 5987's filename*): an ASCII fallback with quotes
 * and backslashes replaced, and the UTF-8 name percent-encoded.
 */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
