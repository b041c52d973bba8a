import type { components, paths } from './schema.d.ts';

/**
 * Types of the API, from the generated schema.d.ts (npm run gen:api): named schemas, and the `data` of
 * an endpoint's 200 answer for the endpoints whose objects have no name of their own.
 */
export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The `data` of the envelope that `method path` answers with 200. */
export type ResponseData<P extends keyof paths, M extends Method> = paths[P][M] extends {
  responses: { 200: infer R };
}
  ? JsonOf<R> extends { data: infer D }
    ? D
    : never
  : never;
