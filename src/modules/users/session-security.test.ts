import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../test/helpers/app.ts';
import { testDatabase } from '../../../test/helpers/db.ts';
import { buildApp } from '../../app.ts';
import { type Database, openDatabase } from '../../db/client.ts';
import { addUser } from './service.ts';

/** A client address of its own for each test: the throttle's counts live as long as the process. */
const address = () => `10.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;

async function accountOf(password = 'the right password') {
  const t = await newTenant();
  const email = `guarded-${randomUUID().slice(0, 8)}@example.test`;
  await addUser(t.ctx, { name: 'Guarded', email, password });
  return { t, email, password };
}

function logIn(
  app: FastifyInstance,
  body: { email: string; password: string },
  opts: { remoteAddress?: string; headers?: Record<string, string> } = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/ext/session',
    remoteAddress: opts.remoteAddress ?? address(),
    ...(opts.headers ? { headers: opts.headers } : {}),
    payload: body,
  });
}

const statuses = (list: { statusCode: number }[]) => {
  const count: Record<number, number> = {};
  for (const r of list) count[r.statusCode] = (count[r.statusCode] ?? 0) + 1;
  return count;
};

describe('log-in throttling', () => {
  it('checks no more than the limit of a burst of concurrent guesses from one address', async () => {
    const { t, email } = await accountOf();
    const from = address();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        logIn(t.app, { email, password: 'a wrong guess' }, { remoteAddress: from }),
      ),
    );
    expect(statuses(burst)).toEqual({ 401: 5, 429: 15 });
    const refused = burst.find((r) => r.statusCode === 429);
    expect(refused?.json()).toMatchObject({ success: false, errorCode: 429 });
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits guesses at one account from many addresses', async () => {
    const { t, email, password } = await accountOf();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => logIn(t.app, { email, password: 'a wrong guess' })),
    );
    expect(statuses(burst)).toEqual({ 401: 10, 429: 10 });
    // Even the right password, from an address never seen, waits for the window.
    expect((await logIn(t.app, { email, password })).statusCode).toBe(429);
    // Another account is not affected.
    const other = await accountOf();
    expect((await logIn(t.app, { email: other.email, password: other.password })).statusCode).toBe(200);
  });

  it('gives a successful log-in its attempt back and forgets the failures before it', async () => {
    const { t, email, password } = await accountOf();
    const from = address();
    for (let i = 0; i < 4; i++) {
      expect((await logIn(t.app, { email, password: 'wrong' }, { remoteAddress: from })).statusCode).toBe(
        401,
      );
    }
    expect((await logIn(t.app, { email, password }, { remoteAddress: from })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await logIn(t.app, { email, password: 'wrong' }, { remoteAddress: from })).statusCode).toBe(
        401,
      );
    }
    expect((await logIn(t.app, { email, password: 'wrong' }, { remoteAddress: from })).statusCode).toBe(429);
  });

  it('counts the real client behind a trusted proxy, and only then', async () => {
    const { t, email } = await accountOf();
    const behindProxy = await buildApp({ database: await testDatabase(), trustProxy: ['127.0.0.1'] });
    try {
      const [a, b] = [address(), address()];
      const via = (app: FastifyInstance, proxy: string, client: string) =>
        logIn(
          app,
          { email, password: 'wrong' },
          { remoteAddress: proxy, headers: { 'x-forwarded-for': client } },
        );
      // Trusted: two clients behind one proxy are counted apart.
      for (let i = 0; i < 5; i++) expect((await via(behindProxy, '127.0.0.1', a)).statusCode).toBe(401);
      expect((await via(behindProxy, '127.0.0.1', a)).statusCode).toBe(429);
      expect((await via(behindProxy, '127.0.0.1', b)).statusCode).toBe(401);

      // Not trusted: X-Forwarded-For is ignored, a client cannot shed its count by forging it.
      const { email: email2 } = await accountOf();
      const peer = address();
      const direct = (client: string) =>
        logIn(
          t.app,
          { email: email2, password: 'wrong' },
          { remoteAddress: peer, headers: { 'x-forwarded-for': client } },
        );
      for (let i = 0; i < 5; i++) expect((await direct(address())).statusCode).toBe(401);
      expect((await direct(address())).statusCode).toBe(429);
    } finally {
      await behindProxy.close();
    }
  });
});

describe('log-in and set-up refuse requests another site can make', () => {
  it('takes JSON bodies only', async () => {
    const { t, email, password } = await accountOf();
    for (const [type, payload] of [
      ['application/x-www-form-urlencoded', new URLSearchParams({ email, password }).toString()],
      ['text/plain', JSON.stringify({ email, password })],
      [
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${email}\r\n--x--`,
      ],
    ] as const) {
      for (const url of ['/api/ext/session', '/api/ext/setup']) {
        const res = await t.app.inject({
          method: 'POST',
          url,
          remoteAddress: address(),
          headers: { 'content-type': type },
          payload,
        });
        expect(res.statusCode, `${url} ${type}`).toBe(415);
        expect(res.json()).toMatchObject({ success: false, errorCode: 415 });
        expect(res.headers['set-cookie']).toBeUndefined();
      }
    }
  });

  it('refuses an Origin that is not this server, and allows its own or none', async () => {
    const { t, email, password } = await accountOf();
    for (const origin of [
      'https://evil.example',
      'null',
      'http://localhost.evil.example',
      'http://localhost:8080',
    ]) {
      const res = await logIn(t.app, { email, password }, { headers: { origin } });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json()).toMatchObject({ success: false, errorCode: 403 });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // inject's Host is localhost:80
    const own = await logIn(t.app, { email, password }, { headers: { origin: 'http://localhost' } });
    expect(own.statusCode).toBe(200);
    expect((await logIn(t.app, { email, password })).statusCode).toBe(200);

    const cookie = String(own.headers['set-cookie']).split(';')[0] as string;
    const csrf = own.json().data.csrf_token as string;
    const foreignLogout = await t.app.inject({
      method: 'DELETE',
      url: '/api/ext/session',
      headers: { cookie, 'x-csrf-token': csrf, origin: 'https://evil.example' },
    });
    expect(foreignLogout.statusCode).toBe(403);
  });
});

/** The session cookie of a response, as a request's Cookie header. */
const cookieOf = (setCookie: string | string[] | undefined) =>
  String([setCookie].flat()[0] ?? '').split(';')[0] as string;

/** An empty, migrated database of its own: set-up only runs on a database without users. */
async function emptyDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const name = `pw_setup_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: own.toString(), poolSize: 6 });
  await database.migrate();
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    },
  };
}

describe('first-run set-up', () => {
  it('gives the first admin the language chosen on the set-up page', async () => {
    const { database, drop } = await emptyDatabase();
    const app = await buildApp({ database });
    try {
      const payload = {
        company_name: 'Bygg AB',
        name: 'Åsa',
        email: 'asa@example.test',
        password: 'a long password',
      };
      const refused = await app.inject({
        method: 'POST',
        url: '/api/ext/setup',
        payload: { ...payload, locale: 'de_DE' },
      });
      expect(refused.statusCode).toBe(400);
      const res = await app.inject({
        method: 'POST',
        url: '/api/ext/setup',
        payload: { ...payload, locale: 'sv_SE' },
      });
      expect(res.statusCode).toBe(200);
      const me = await app.inject({
        url: '/api/v1/users/me',
        headers: { cookie: cookieOf(res.headers['set-cookie']) },
      });
      expect(me.json().data.locale).toBe('sv_SE');
      expect(me.json().data.language).toEqual({ language_code: 'sv', country_code: 'SE' });
      // the company starts in Swedish: its stages, lead labels, activity types, and kronor
      const get = async (url: string) =>
        (await app.inject({ url, headers: { cookie: cookieOf(res.headers['set-cookie']) } })).json().data;
      const stages = await get('/api/v2/stages?sort_by=order_nr');
      expect(stages.map((s: { name: string }) => s.name)).toEqual([
        'Kvalificerad',
        'Kontakt etablerad',
        'Demo bokad',
        'Offert lämnad',
        'Förhandling inledd',
      ]);
      const labels = (await get('/api/v1/leadLabels')).map((l: { name: string }) => l.name).sort();
      expect(labels).toEqual(['Het', 'Kall', 'Varm']);
      const types = (await get('/api/v1/activityTypes')).map((t: { name: string }) => t.name);
      expect(types).toEqual(expect.arrayContaining(['Samtal', 'Möte', 'Uppgift', 'E-post']));
      expect((await get('/api/v1/users/me')).default_currency).toBe('SEK');
    } finally {
      await app.close();
      await drop();
    }
  });

  it('sets up one company, ever, however many set-ups race', async () => {
    const { database, drop } = await emptyDatabase();
    const app = await buildApp({ database });
    try {
      expect((await app.inject({ url: '/api/ext/setup' })).json().data.needs_setup).toBe(true);
      const setups = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          app.inject({
            method: 'POST',
            url: '/api/ext/setup',
            payload: {
              company_name: `Company ${i}`,
              name: `Admin ${i}`,
              email: `admin${i}@example.test`,
              password: 'a long password',
            },
          }),
        ),
      );
      expect(statuses(setups)).toEqual({ 200: 1, 409: 4 });
      for (const r of setups.filter((s) => s.statusCode === 409)) {
        expect(r.json()).toMatchObject({ success: false, error: expect.stringMatching(/already set up/) });
      }
      const counts = await database.db.execute(
        sql`select (select count(*)::int from companies) as companies, (select count(*)::int from users) as users`,
      );
      expect((counts as unknown as { rows: unknown[] }).rows[0]).toEqual({ companies: 1, users: 1 });
      expect((await app.inject({ url: '/api/ext/setup' })).json().data.needs_setup).toBe(false);
      // the set-up page's language: left out, the admin's is English
      const me = await app.inject({
        url: '/api/v1/users/me',
        headers: { cookie: cookieOf(setups.find((r) => r.statusCode === 200)?.headers['set-cookie']) },
      });
      expect(me.json().data.locale).toBe('en_US');
    } finally {
      await app.close();
      await drop();
    }
  });
});
