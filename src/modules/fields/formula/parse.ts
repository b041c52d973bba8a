import {
  BINDING,
  type BinaryOperator,
  dependencies,
  type FieldRef,
  type Formula,
  type FormulaError,
  type FormulaErrorCode,
  type FormulaNode,
} from './ast.ts';

export const MAX_FORMULA_LENGTH = 1000;
/** Parentheses and signs nested in one another; keeps every walk of the tree shallow. */
export const MAX_FORMULA_DEPTH = 32;

/** The field types a formula reads (Pipedrive's field_type). */
export const FORMULA_INPUT_TYPES: ReadonlySet<string> = new Set(['double', 'int', 'monetary']);

/** ASCII and what people type or paste: − (minus sign), – (en dash), × and ÷. */
const OPERATORS: Readonly<Record<string, BinaryOperator>> = {
  '+': '+',
  '-': '-',
  '\u2212': '-',
  '\u2013': '-',
  '*': '*',
  '\u00d7': '*',
  '/': '/',
  '\u00f7': '/',
};

/** A sign binds tighter than any binary operator, and `%` tighter still. */
const SIGN_BINDING = 3;

type Token =
  | { readonly type: 'number'; readonly text: string; readonly position: number }
  | { readonly type: 'field'; readonly key: string; readonly position: number }
  | {
      readonly type: 'operator';
      readonly operator: BinaryOperator;
      readonly char: string;
      readonly position: number;
    }
  | { readonly type: '(' | ')' | '%' | 'end'; readonly position: number };

class Failure {
  constructor(readonly error: FormulaError) {}
}

function fail(code: FormulaErrorCode, message: string, position: number): never {
  throw new Failure({ code, message, position });
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isKeyChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/**
 * Parses a formula field's expression: numbers (`1`, `1.5`, `.5`), fields by key in braces (`{value}`,
 * `{<40-hex key>}`), `+ - * /` (and `− – × ÷`), unary minus, parentheses and postfix percent (`10%` is
 * 0.1). A field must be known, numeric or monetary, and not a formula field (no formula reads another,
 * so none reads itself); a formula uses at least one field (Pipedrive's rule). The first error, by
 * position, is returned, never thrown.
 *
 * A hand-written Pratt parser: jsep, the maintained parser-only library, keeps no positions on its
 * nodes (an unknown field could not be pointed at), configures its operators process-wide, and
 * accepts JavaScript's grammar (identifiers, calls, members, strings, a ternary) we would have to
 * refuse node by node.
 */
export function parseFormula(
  expression: string,
  known: (key: string) => FieldRef | undefined,
): Formula | FormulaError {
  if (expression.length > MAX_FORMULA_LENGTH)
    return {
      code: 'too_long',
      message: `A formula is at most ${MAX_FORMULA_LENGTH} characters long`,
      position: MAX_FORMULA_LENGTH,
    };
  try {
    const formula = { root: new Parser(expression, known).parse() };
    if (dependencies(formula).length === 0)
      return { code: 'no_field', message: 'A formula must use at least one field', position: 0 };
    return formula;
  } catch (e) {
    if (e instanceof Failure) return e.error;
    throw e;
  }
}

class Parser {
  private index = 0;
  private peeked: Token | undefined;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly known: (key: string) => FieldRef | undefined,
  ) {}

  parse(): FormulaNode {
    if (this.source.trim() === '') fail('syntax', 'The formula is empty', 0);
    const root = this.expression(0);
    const rest = this.next();
    if (rest.type === ')') fail('syntax', "Unexpected ')' with no '(' to close", rest.position);
    if (rest.type !== 'end') fail('syntax', `Expected an operator before ${describe(rest)}`, rest.position);
    return root;
  }

  /** Operands joined by operators that bind tighter than `binding`. */
  private expression(binding: number): FormulaNode {
    let left = this.operand();
    for (;;) {
      const token = this.peek();
      if (token.type === '%') {
        if (left.kind === 'percent') fail('syntax', "Unexpected '%' after a percentage", token.position);
        this.next();
        left = { kind: 'percent', operand: left, position: token.position };
        continue;
      }
      if (token.type !== 'operator' || BINDING[token.operator] <= binding) return left;
      this.next();
      const right = this.expression(BINDING[token.operator]);
      left = { kind: 'binary', operator: token.operator, left, right, position: token.position };
    }
  }

  private operand(): FormulaNode {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', text: token.text, value: Number(token.text), position: token.position };
      case 'field':
        this.checkField(token.key, token.position);
        return { kind: 'field', key: token.key, position: token.position };
      case 'operator': {
        if (token.operator !== '-') break;
        this.enter(token.position);
        const operand = this.expression(SIGN_BINDING);
        this.depth--;
        return { kind: 'negate', operand, position: token.position };
      }
      case '(': {
        this.enter(token.position);
        const inner = this.expression(0);
        const close = this.next();
        if (close.type === 'end')
          fail('syntax', `Expected ')' to close the '(' at position ${token.position}`, close.position);
        if (close.type !== ')')
          fail('syntax', `Expected an operator or ')' before ${describe(close)}`, close.position);
        this.depth--;
        return inner;
      }
      case 'end':
        return fail('syntax', 'Expected a number, a field or ( at the end of the formula', token.position);
    }
    return fail('syntax', `Expected a number, a field or ( before ${describe(token)}`, token.position);
  }

  private enter(position: number): void {
    if (++this.depth > MAX_FORMULA_DEPTH)
      fail('too_deep', `A formula nests parentheses and signs at most ${MAX_FORMULA_DEPTH} deep`, position);
  }

  private checkField(key: string, position: number): void {
    const field = this.known(key);
    if (!field) fail('unknown_field', `Unknown field {${key}}`, position);
    if (field.isFormula)
      fail('formula_field', `{${key}} is a formula field: a formula cannot use a formula field`, position);
    if (!FORMULA_INPUT_TYPES.has(field.fieldType))
      fail(
        'not_numeric',
        `{${key}} is a ${field.fieldType} field: a formula uses numeric and monetary fields only`,
        position,
      );
  }

  private peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  private next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  private lex(): Token {
    const s = this.source;
    while (this.index < s.length && /\s/.test(s[this.index] as string)) this.index++;
    const position = this.index;
    const c = s[position];
    if (c === undefined) return { type: 'end', position };
    if (isDigit(c) || c === '.') return this.number(position);
    if (c === '{') return this.field(position);
    this.index++;
    if (c === '(' || c === ')' || c === '%') return { type: c, position };
    const operator = OPERATORS[c];
    if (operator) return { type: 'operator', operator, char: c, position };
    return fail('syntax', `Unexpected character '${c}'`, position);
  }

  private number(position: number): Token {
    const s = this.source;
    let i = position;
    while (isDigit(s[i])) i++;
    if (s[i] === '.') {
      i++;
      if (!isDigit(s[i])) fail('syntax', "Expected a digit after '.'", i);
      while (isDigit(s[i])) i++;
    }
    const text = s.slice(position, i);
    if (!Number.isFinite(Number(text))) fail('number_too_large', 'The number is too large', position);
    this.index = i;
    return { type: 'number', text, position };
  }

  private field(position: number): Token {
    const s = this.source;
    let i = position + 1;
    while (isKeyChar(s[i])) i++;
    if (i === position + 1) fail('syntax', "Expected a field key after '{'", i);
    if (s[i] !== '}') fail('syntax', `Expected '}' to close the '{' at position ${position}`, i);
    this.index = i + 1;
    return { type: 'field', key: s.slice(position + 1, i), position };
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'number':
      return token.text;
    case 'field':
      return `{${token.key}}`;
    case 'operator':
      return `'${token.char}'`;
    default:
      return `'${token.type}'`;
  }
}
