import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { storable, UNSTORABLE } from './fields.ts';

/** A refused value, in the shape Fastify gives its error handler as `err.validation`. */
export interface ValidationIssue {
  instancePath: string;
  message?: string;
}

/**
 * The path of the first string (value or key) that PostgreSQL could not store as given, or null.
 * Walks without recursion, so a deeply nested body cannot exhaust the stack; plain objects and
 * arrays only (parsed values such as dates are not text).
 */
export function findUnstorable(value: unknown): string[] | null {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!storable(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, String(i)] });
    } else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [key, item] of Object.entries(v)) {
        if (!storable(key)) return [...path, Array.from(key, (c) => (storable(c) ? c : '\uFFFD')).join('')];
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}

/**
 * The validator of every route: the route's zod schema, then one rule for all text whatever the
 * schema declared (`z.unknown()` custom-field values, plain `z.string()` fields, record keys): no
 * NUL characters and no broken Unicode, refused with a 400 that names the field. The database
 * never sees such text.
 */
export const validatorCompiler: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data) => {
    const result = validate(data) as { error?: unknown; value?: unknown };
    if (result.error) return result as never;
    const path = findUnstorable(result.value);
    if (path === null) return result as never;
    const issue: ValidationIssue = { instancePath: `/${path.join('/')}`, message: UNSTORABLE };
    return { error: [issue] } as never;
  };
};
