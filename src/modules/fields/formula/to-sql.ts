import { type SQL, sql } from 'drizzle-orm';
import type { Formula, FormulaNode } from './ast.ts';
import { relativePercent } from './evaluate.ts';

/**
 * The formula as one SQL expression over the columns that hold its fields, so one set-based
 * `UPDATE deals SET … = <expr>` recalculates every deal. Computed in `numeric` (money is never a float
 * here, and numeric neither overflows nor underflows where float8 would raise an error mid-update):
 * NULL propagates through every operator, a division by zero is NULL (`NULLIF`), constants are bound
 * parameters read as written. `a ± b%` is a ± a × b/100, as `evaluate` reads it. Each column is cast to numeric, so an integer column never divides as
 * integers. The value agrees with `evaluate` up to a double's rounding.
 */
export function toSql(formula: Formula, column: (key: string) => SQL): SQL {
  const build = (node: FormulaNode): SQL => {
    switch (node.kind) {
      case 'number':
        return sql`${node.text}::numeric`;
      case 'field':
        return sql`(${column(node.key)})::numeric`;
      case 'negate':
        return sql`(-${build(node.operand)})`;
      case 'percent':
        // exact in numeric, where `/ 100` would round to the division's scale
        return sql`(${build(node.operand)} * 0.01)`;
      case 'binary': {
        const left = build(node.left);
        const right = relativePercent(node) ? sql`(${left} * ${build(node.right)})` : build(node.right);
        switch (node.operator) {
          case '+':
            return sql`(${left} + ${right})`;
          case '-':
            return sql`(${left} - ${right})`;
          case '*':
            return sql`(${left} * ${right})`;
          case '/':
            return sql`(${left} / NULLIF(${right}, 0))`;
        }
      }
    }
  };
  return build(formula.root);
}
