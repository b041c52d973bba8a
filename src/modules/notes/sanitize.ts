import sanitizeHtml from 'sanitize-html';

/**
 * HTML of notes and comments, sanitised with an allowlist before it is stored.
 *
 * Kept: formatting tags (p, br, b, strong, i, em, u, s, ul, ol, li, a, blockquote, code, pre, span,
 * div, h1–h3); `a` keeps only an absolute `href` with the scheme http, https or mailto. Everything
 * else goes: other tags are dropped (their text stays, escaped), script/style/iframe/svg/… are
 * dropped with their content, and no other attribute survives (no event handlers, no style, no class).
 *
 * @mentions use ONE markup: `<span data-mention-user-id="12">@Ann</span>`. The attribute keeps only
 * a decimal user id; `keep` decides which ids remain mentions (the others stay as plain text).
 */
export const MENTION_ATTRIBUTE = 'data-mention-user-id';

const ALLOWED_TAGS = [
  'p',
  'br',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'ul',
  'ol',
  'li',
  'a',
  'blockquote',
  'code',
  'pre',
  'span',
  'div',
  'h1',
  'h2',
  'h3',
];

/** Tags dropped together with everything inside them. */
const NON_TEXT_TAGS = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'template',
  'title',
  'head',
  'object',
  'embed',
  'svg',
  'math',
];

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;
const USER_ID = /^[1-9]\d{0,14}$/;

export interface SanitizedHtml {
  html: string;
  /** distinct user ids of the mentions left in `html`, in order of appearance */
  mentionedUserIds: number[];
  /** true when no visible text remains (only tags, whitespace or non-breaking spaces) */
  isEmpty: boolean;
}

export function sanitizeNoteHtml(input: string, keep?: (userId: number) => boolean): SanitizedHtml {
  const html = sanitizeHtml(input, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href'], span: [MENTION_ATTRIBUTE] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    allowedClasses: {},
    allowedStyles: {},
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    parseStyleAttributes: false,
    nestingLimit: 100,
    transformTags: {
      a: (tagName, attribs): sanitizeHtml.Tag => {
        const href = attribs.href?.trim();
        return { tagName, attribs: href && SAFE_HREF.test(href) ? { href } : {} };
      },
      span: (tagName, attribs): sanitizeHtml.Tag => {
        const raw = attribs[MENTION_ATTRIBUTE]?.trim();
        if (raw && USER_ID.test(raw)) {
          const id = Number(raw);
          if (!keep || keep(id)) return { tagName, attribs: { [MENTION_ATTRIBUTE]: String(id) } };
        }
        return { tagName, attribs: {} };
      },
    },
  });
  return { html, mentionedUserIds: mentionsIn(html), isEmpty: visibleText(html) === '' };
}

/**
 * Rich text other than notes (an activity's note and public description): the same allowlist, no
 * mentions (their spans keep no attribute).
 */
export function sanitizeRichText(input: string): string {
  return sanitizeNoteHtml(input, () => false).html;
}

/** Mentioned user ids of sanitised HTML, read from the output (what is stored is what counts). */
function mentionsIn(html: string): number[] {
  const ids = new Set<number>();
  for (const m of html.matchAll(/<span data-mention-user-id="(\d{1,15})">/g)) ids.add(Number(m[1]));
  return [...ids];
}

/** The text of sanitised HTML (whose tags are well formed), trimmed of blanks and &nbsp;. */
function visibleText(html: string): string {
  return withoutTags(html)
    .replace(/&nbsp;|&#160;|&#xa0;|\u00a0/gi, ' ')
    .trim();
}

/** The text between the tags: each `<` up to the next `>` goes. One scan, no backtracking. */
function withoutTags(html: string): string {
  let out = '';
  let at = 0;
  for (let open = html.indexOf('<'); open !== -1; open = html.indexOf('<', at)) {
    const close = html.indexOf('>', open);
    if (close === -1) break;
    out += html.slice(at, open);
    at = close + 1;
  }
  return out + html.slice(at);
}
