import type { User } from '../../api/users.ts';

/** Where the "@query" being typed sits: in which text node, between which offsets. */
export interface MentionQuery {
  query: string;
  node: Text;
  start: number;
  end: number;
}

export const MAX_MENTION_OPTIONS = 8;
export const MENTION_ATTRIBUTE = 'data-mention-user-id';

/** "@" at the start or after a blank/bracket, then up to two words (first and last name). */
const AT_CARET = /(?:^|[\s\u00a0(])@([^\s\u00a0@<>]{0,40}(?:[\s\u00a0][^\s\u00a0@<>]{0,40})?)$/;

/** The "@query" right before the caret inside `root`, or null when the caret is not after one. */
export function mentionQueryAtCaret(root: HTMLElement): MentionQuery | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.isCollapsed) return null;
  const node = sel.anchorNode;
  if (!node || node.nodeType !== Node.TEXT_NODE || !root.contains(node)) return null;
  if (node.parentElement?.closest(`[${MENTION_ATTRIBUTE}]`)) return null;
  const before = (node.textContent ?? '').slice(0, sel.anchorOffset);
  const m = AT_CARET.exec(before);
  if (!m) return null;
  const query = (m[1] ?? '').replace(/\u00a0/g, ' ');
  return { query, node: node as Text, start: sel.anchorOffset - query.length - 1, end: sel.anchorOffset };
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Active users whose name (or e-mail) matches the query, names starting with it first; at most 8. */
export function matchUsers(users: User[], query: string): User[] {
  const q = fold(query.trim());
  const active = users.filter((u) => u.active_flag !== false);
  if (!q) return active.slice(0, MAX_MENTION_OPTIONS);
  const starts: User[] = [];
  const contains: User[] = [];
  for (const u of active) {
    const name = fold(u.name);
    if (name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q))) starts.push(u);
    else if (name.includes(q) || fold(u.email).startsWith(q)) contains.push(u);
  }
  return [...starts, ...contains].slice(0, MAX_MENTION_OPTIONS);
}

/** The mention markup the notes API stores and notifies on: `<span data-mention-user-id="ID">@Name</span>`. */
export function mentionElement(user: Pick<User, 'id' | 'name'>): HTMLSpanElement {
  const span = document.createElement('span');
  span.setAttribute(MENTION_ATTRIBUTE, String(user.id));
  span.contentEditable = 'false';
  span.textContent = `@${user.name}`;
  return span;
}

/** Replaces the "@query" with the mention of `user` and puts the caret after it (and a space). */
export function insertMention(at: MentionQuery, user: Pick<User, 'id' | 'name'>): void {
  const range = document.createRange();
  const length = at.node.textContent?.length ?? 0;
  range.setStart(at.node, Math.max(0, Math.min(at.start, length)));
  range.setEnd(at.node, Math.min(at.end, length));
  range.deleteContents();
  const span = mentionElement(user);
  range.insertNode(span);
  const space = document.createTextNode('\u00a0');
  span.after(space);
  const caret = document.createRange();
  caret.setStart(space, 1);
  caret.collapse(true);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(caret);
}

/** Mentions loaded from stored HTML are atomic in the editor, as inserted ones are. */
export function lockMentions(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLElement>(`[${MENTION_ATTRIBUTE}]`)) el.contentEditable = 'false';
}

/** True when the editor shows no text at all (blanks and non-breaking spaces only). */
export function isBlank(root: HTMLElement): boolean {
  return (root.textContent ?? '').replace(/\u00a0/g, ' ').trim() === '';
}
