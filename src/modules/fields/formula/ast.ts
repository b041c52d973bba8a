/**
 * The parsed form of a formula field's expression. A formula reads numeric and monetary deal fields by
 * key, so its value is recomputed from the deal: in TypeScript by `evaluate`, in one set-based
 * statement by `toSql`. Positions are 0-based indexes into the expression as the caller sent it.
 */
export type BinaryOperator = '+' | '-' | '*' | '/';

/** How tightly each operator binds: * and / before + and -, each group left to right. */
export const BINDING: Readonly<Record<BinaryOperator, number>> = { '+': 1, '-': 1, '*': 2, '/': 2 };

export type FormulaNode =
  /** a constant as written (`1`, `1.5`, `.5`), kept as text so SQL reads it exactly */
  | { readonly kind: 'number'; readonly text: string; readonly value: number; readonly position: number }
  /** `{key}`: a deal field's value */
  | { readonly kind: 'field'; readonly key: string; readonly position: number }
  /** unary minus */
  | { readonly kind: 'negate'; readonly operand: FormulaNode; readonly position: number }
  /** postfix `%`: the operand divided by 100 (`10%` is 0.1); position is the `%` */
  | { readonly kind: 'percent'; readonly operand: FormulaNode; readonly position: number }
  /** position is the operator */
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: FormulaNode;
      readonly right: FormulaNode;
      readonly position: number;
    };

export interface Formula {
  readonly root: FormulaNode;
}

export type FormulaErrorCode =
  | 'syntax'
  | 'too_long'
  | 'too_deep'
  | 'number_too_large'
  | 'unknown_field'
  | 'not_numeric'
  | 'formula_field'
  | 'no_field';

/** Why an expression is not a formula, and where (0-based index into the expression). */
export interface FormulaError {
  readonly code: FormulaErrorCode;
  readonly message: string;
  readonly position: number;
}

export const isFormulaError = (parsed: Formula | FormulaError): parsed is FormulaError => 'code' in parsed;

/** What a formula may know of a field it names. */
export interface FieldRef {
  /** Pipedrive's field_type: `double`, `int` and `monetary` are numbers a formula can read. */
  readonly fieldType: string;
  /** A formula field: not an input of another formula in v1 (no chains, no cycles). */
  readonly isFormula?: boolean;
}

/** The field keys a formula reads, each once, in the order they first appear. */
export function dependencies(formula: Formula): string[] {
  const keys = new Set<string>();
  const visit = (node: FormulaNode): void => {
    switch (node.kind) {
      case 'field':
        keys.add(node.key);
        return;
      case 'number':
        return;
      case 'negate':
      case 'percent':
        visit(node.operand);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
    }
  };
  visit(formula.root);
  return [...keys];
}
