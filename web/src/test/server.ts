/**
 * The real server for component tests that read or write through web/src/api: a new company on the
 * test database (test/helpers/app.ts), and `fetch` routed to the app with that company's API token.
 * Nothing is mocked: searches find what the test made, and writes land in the database.
 */
import { afterEach, beforeAll } from 'vitest';

type Row = { id: number | string } & Record<string, unknown>;

/** An answer of the API in Pipedrive's envelope (a record with an id inside, unless told otherwise). */
export interface Answer<T = Row> {
  status: number;
  body: { success: boolean; data: T };
}

/** What the component tests use of test/helpers/app.ts's Tenant (the server is not type-checked here). */
export interface TestTenant {
  app: { inject(o: object): Promise<{ body: string; statusCode: number }> };
  token: string;
  userId: number;
  companyId: number;
  post<T = Row>(path: string, body: unknown): Promise<Answer<T>>;
  get<T = Row>(path: string): Promise<Answer<T>>;
  patch<T = Row>(path: string, body: unknown): Promise<Answer<T>>;
}

// Reached by a path tsc does not follow: the web's type check stays free of the server's code.
const helpers = '../../../test/helpers/app.ts';

// The worker's database and app start once per file, before its tests (migrating the embedded database
// takes seconds, more on a busy machine): not within a test's timeout.
beforeAll(async () => {
  await (await import(/* @vite-ignore */ helpers)).testApp();
}, 120_000);

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** A new company, and every `fetch` of the test going to the app as its admin. */
export async function serveTenant(): Promise<TestTenant> {
  const t: TestTenant = await (await import(/* @vite-ignore */ helpers)).newTenant();
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const res = await t.app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>), 'x-api-token': t.token },
      ...(init?.body ? { payload: String(init.body) } : {}),
    });
    return new Response(res.body, {
      status: res.statusCode,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return t;
}
