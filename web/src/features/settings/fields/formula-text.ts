/**
 * The formula editor's text: fields by NAME in braces (`{Value} * 0.9 + {Cost}`), as people read it;
 * the server takes and stores fields by KEY (`{value} * 0.9 + {<40-hex>}`). Pure functions, so the
 * editor's logic is tested without the DOM.
 */

/** A field a formula may read: the deal's value and the custom number and money fields. */
export interface FormulaInput {
  key: string;
  name: string;
}

/** A piece of the readable text: plain text, a known field (a token) or a name no field has. */
export type Part =
  | { kind: 'text'; text: string; start: number }
  | { kind: 'field'; text: string; start: number; key: string; name: string }
  | { kind: 'unknown'; text: string; start: number; name: string };

/** `{…}` with no brace inside: a field by name (or by key, as pasted from the API). */
const BRACED = /\{([^{}]*)\}/g;

function lookUp(inside: string, fields: readonly FormulaInput[]): FormulaInput | 'ambiguous' | undefined {
  const name = inside.trim();
  const named = fields.filter((f) => f.name.trim() === name);
  if (named.length > 1) return 'ambiguous';
  return named[0] ?? fields.find((f) => f.key === name);
}

/** The readable text cut into text and field tokens, in order. */
export function tokenize(readable: string, fields: readonly FormulaInput[]): Part[] {
  const parts: Part[] = [];
  let at = 0;
  for (const m of readable.matchAll(BRACED)) {
    const start = m.index;
    if (start > at) parts.push({ kind: 'text', text: readable.slice(at, start), start: at });
    const found = lookUp(m[1] as string, fields);
    if (found && found !== 'ambiguous')
      parts.push({ kind: 'field', text: m[0], start, key: found.key, name: found.name });
    else parts.push({ kind: 'unknown', text: m[0], start, name: (m[1] as string).trim() });
    at = start + m[0].length;
  }
  if (at < readable.length) parts.push({ kind: 'text', text: readable.slice(at), start: at });
  return parts;
}

export type Canonical =
  | {
      ok: true;
      expression: string;
      /** a position in `expression` (the server's) as a position in the readable text */
      toReadable: (position: number) => number;
    }
  | { ok: false; reason: 'unknown' | 'ambiguous'; name: string; position: number };

/** The expression the server takes: each `{name}` as `{key}`; a name no field (or two) has is refused here. */
export function toCanonical(readable: string, fields: readonly FormulaInput[]): Canonical {
  const spans: { readable: number; readableEnd: number; canonical: number; canonicalEnd: number }[] = [];
  let out = '';
  let at = 0;
  for (const m of readable.matchAll(BRACED)) {
    const found = lookUp(m[1] as string, fields);
    if (!found || found === 'ambiguous')
      return {
        ok: false,
        reason: found ? 'ambiguous' : 'unknown',
        name: (m[1] as string).trim(),
        position: m.index,
      };
    out += readable.slice(at, m.index);
    const token = `{${found.key}}`;
    spans.push({
      readable: m.index,
      readableEnd: m.index + m[0].length,
      canonical: out.length,
      canonicalEnd: out.length + token.length,
    });
    out += token;
    at = m.index + m[0].length;
  }
  out += readable.slice(at);
  const toReadable = (position: number): number => {
    let shift = 0;
    for (const s of spans) {
      if (position < s.canonical) break;
      // inside a token: its start
      if (position < s.canonicalEnd) return s.readable;
      shift = s.readableEnd - s.canonicalEnd;
    }
    return position + shift;
  };
  return { ok: true, expression: out, toReadable };
}

/**
 * Puts `{name}` where the caret is (replacing a selection), spaced from what is beside it; answers the
 * new text and where the caret goes (after the token).
 */
export function insertToken(
  text: string,
  selection: { start: number; end: number },
  name: string,
): { text: string; caret: number } {
  const before = text.slice(0, selection.start);
  const after = text.slice(selection.end);
  const lead = before === '' || /\s$/.test(before) ? '' : ' ';
  const trail = after === '' || /^\s/.test(after) ? '' : ' ';
  const token = `${lead}{${name}}${trail}`;
  const caret = before.length + lead.length + name.length + 2;
  return { text: before + token + after, caret: caret + (trail ? 1 : 0) };
}
