import type { Formula, FormulaNode } from './ast.ts';

/**
 * A formula's value over a deal's field values, in doubles (presenters round). Empty in, empty out:
 * a field that is null (or missing) makes the result null, and so does a division by zero or a value
 * beyond a double's range anywhere in the formula. `toSql` computes the same in `numeric`.
 */
export function evaluate(formula: Formula, values: Readonly<Record<string, number | null>>): number | null {
  const result = value(formula.root, values);
  // -0 reads as 0
  return result === null ? null : result + 0;
}

function value(node: FormulaNode, values: Readonly<Record<string, number | null>>): number | null {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'field': {
      const v = Object.hasOwn(values, node.key) ? values[node.key] : null;
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
    case 'negate': {
      const v = value(node.operand, values);
      return v === null ? null : -v;
    }
    case 'percent': {
      const v = value(node.operand, values);
      return v === null ? null : v / 100;
    }
    case 'binary': {
      const left = value(node.left, values);
      const right = value(node.right, values);
      if (left === null || right === null) return null;
      // `a - 10%` is a less 10 % of a (behaviour spec §3.14); `a * 10%` is a × 0.1
      if (relativePercent(node)) return finite(apply(node.operator, left, left * right));
      return finite(apply(node.operator, left, right));
    }
  }
}

function apply(operator: '+' | '-' | '*' | '/', left: number, right: number): number {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return right === 0 ? Number.NaN : left / right;
  }
}

/** `+` or `-` followed by a bare percentage: a share of the left side, as Pipedrive reads it. */
export const relativePercent = (node: Extract<FormulaNode, { kind: 'binary' }>): boolean =>
  (node.operator === '+' || node.operator === '-') && node.right.kind === 'percent';

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
