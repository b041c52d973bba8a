import { BINDING, type Formula, type FormulaNode } from './ast.ts';

/** how tightly each kind of node holds together when printed */
const tightness = (node: FormulaNode): number =>
  node.kind === 'binary' ? BINDING[node.operator] : node.kind === 'negate' ? 3 : 4;

/**
 * The formula for people: each field as `nameOf(key)` (the web editor shows names, and sends keys),
 * operators spaced, only the parentheses the meaning needs. With `(key) => `{${key}}`` it is the
 * canonical expression, which parses back to the same formula.
 */
export function format(formula: Formula, nameOf: (key: string) => string): string {
  const print = (node: FormulaNode): string => {
    switch (node.kind) {
      case 'number':
        return node.text;
      case 'field':
        return nameOf(node.key);
      case 'negate':
        // -(-x) rather than --x; a product or a sum under a sign keeps its parentheses
        return `-${tightness(node.operand) <= 3 ? `(${print(node.operand)})` : print(node.operand)}`;
      case 'percent':
        return `${tightness(node.operand) < 4 ? `(${print(node.operand)})` : print(node.operand)}%`;
      case 'binary': {
        const binding = BINDING[node.operator];
        // operators group left to right: a right operand of the same binding keeps its parentheses
        const left = tightness(node.left) < binding ? `(${print(node.left)})` : print(node.left);
        const right = tightness(node.right) <= binding ? `(${print(node.right)})` : print(node.right);
        return `${left} ${node.operator} ${right}`;
      }
    }
  };
  return print(formula.root);
}
