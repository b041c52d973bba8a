import ts from 'typescript';

/** Props whose string values people read (or hear, through a screen reader). */
const TEXT_PROPS = new Set([
  'label',
  'placeholder',
  'title',
  'description',
  'aria-label',
  'alt',
  'message',
  'confirmLabel',
  'nothingFoundMessage',
  'error',
]);

export interface Literal {
  file: string;
  line: number;
  text: string;
}

/** A message id ('leads.inbox.title'): what a component should hold instead of text. */
const MESSAGE_ID = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/;

const hasWords = (s: string) => /\p{L}{2,}/u.test(s) && !MESSAGE_ID.test(s.trim());

/**
 * Text a person reads that is written in a component instead of coming from the message catalogue: JSX
 * text with letters, and string literals given to text props (label, placeholder, title, aria-label…)
 * or to notifications' `title` and `message`.
 */
export function findLiterals(file: string, source: string): Literal[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Literal[] = [];
  const add = (node: ts.Node, text: string) =>
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim() });
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && hasWords(node.text)) add(node, node.text);
    if (ts.isJsxAttribute(node) && node.initializer && TEXT_PROPS.has(node.name.getText(sf))) {
      const init = node.initializer;
      const value = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
          ? init.expression
          : undefined;
      if (value && hasWords(value.text)) add(node, value.text);
    }
    if (
      ts.isPropertyAssignment(node) &&
      ['title', 'message', 'label'].includes(node.name.getText(sf)) &&
      ts.isStringLiteralLike(node.initializer) &&
      hasWords(node.initializer.text)
    )
      add(node, node.initializer.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
