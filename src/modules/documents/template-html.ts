import sanitizeHtml from 'sanitize-html';
import { AppError } from '../errors.ts';
import { escapeHtml } from '../public/html.ts';

/**
 * The rich text of templates and documents: a small HTML subset, sanitised on the server on every
 * write (and again after filling), so no script, style, event handler or foreign URL scheme is kept.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h1',
    'h2',
    'h3',
    'strong',
    'em',
    'u',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'br',
    'a',
  ],
  allowedAttributes: { a: ['href'], td: ['colspan'], th: ['colspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { b: 'strong', i: 'em' },
};

export const sanitizeRichText = (body: string): string => sanitizeHtml(body, OPTIONS);

/**
 * Replaces each placeholder, {{ name }} (spaces inside the braces allowed, no braces), with what `fn`
 * makes of its trimmed name, in one linear pass without a regular expression (no backtracking on
 * hostile input); what `fn` returns is never scanned again.
 */
export function replacePlaceholders(body: string, fn: (name: string) => string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const first = body.indexOf('{{', at);
    if (first < 0) break;
    const close = body.indexOf('}}', first + 2);
    if (close < 0) break;
    // "{{{x}}": the placeholder starts at the last "{{" before its "}}"
    const open = body.lastIndexOf('{{', close - 1);
    const name = body.slice(open + 2, close);
    out +=
      name.includes('{') || name.includes('}')
        ? body.slice(at, close + 2)
        : body.slice(at, open) + fn(name.trim());
    at = close + 2;
  }
  return out + body.slice(at);
}

/** The placeholders a template may use (besides deal.custom.<key>), and what each says. */
export const PLACEHOLDERS = [
  'deal.title',
  'deal.value',
  'deal.currency',
  'deal.expected_close_date',
  'deal.id',
  'person.name',
  'person.email',
  'person.phone',
  'organization.name',
  'organization.address',
  'owner.name',
  'owner.email',
  'company.name',
  'date.today',
  'products',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
const KNOWN = new Set<string>(PLACEHOLDERS);
export const CUSTOM_PREFIX = 'deal.custom.';

/** The names of the placeholders a body uses, in order of first use. */
export function placeholdersOf(body: string): string[] {
  const names: string[] = [];
  replacePlaceholders(body, (name) => {
    names.push(name);
    return '';
  });
  return [...new Set(names)];
}

/**
 * Every placeholder must be one we know, or a custom deal field's key; the first that is not is a
 * 400 naming it (the template is not saved).
 */
export function assertPlaceholders(body: string, customKeys: ReadonlySet<string>, field = 'body'): void {
  for (const name of placeholdersOf(body)) {
    if (KNOWN.has(name)) continue;
    if (name.startsWith(CUSTOM_PREFIX) && customKeys.has(name.slice(CUSTOM_PREFIX.length))) continue;
    throw new AppError('validation_failed', `${field}: unknown placeholder {{${name.slice(0, 80)}}}`, field);
  }
}

/**
 * The template with its placeholders filled: every value is escaped text (a deal titled
 * `<script>` or `{{owner.email}}` stays those characters: values are not filled again), the products
 * block is the table made by the caller (already HTML), and the result is sanitised once more.
 */
export function fillTemplate(
  body: string,
  values: ReadonlyMap<string, string>,
  productsHtml: string,
): string {
  const canonical = replacePlaceholders(body, (name) => `{{${name}}}`)
    // a products block alone in its paragraph replaces the paragraph (a table cannot sit in a <p>)
    .replaceAll('<p>{{products}}</p>', '{{products}}');
  const filled = replacePlaceholders(canonical, (name) =>
    name === 'products' ? productsHtml : escapeHtml(values.get(name) ?? ''),
  );
  return sanitizeRichText(filled);
}
