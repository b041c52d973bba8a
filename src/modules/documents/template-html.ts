import sanitizeHtml from 'sanitize-html';
import { AppError } from '../errors.ts';
import { escapeHtml } from '../web-forms/html.ts';

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

/** A placeholder in a template: {{ name }} with any spaces inside the braces. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

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
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
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
  const filled = body
    // a products block alone in its paragraph replaces the paragraph (a table cannot sit in a <p>)
    .replace(/<p>\s*\{\{\s*products\s*\}\}\s*<\/p>/g, () => productsHtml)
    .replace(PLACEHOLDER, (_m, name: string) =>
      name === 'products' ? productsHtml : escapeHtml(values.get(name) ?? ''),
    );
  return sanitizeRichText(filled);
}
