import { existsSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { DatabaseError } from 'pg-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pglitePool } from './pglite-connection.ts';

// The embedded database's connection, on its own bare instance (whatever DATABASE_URL says: this is
// the code path of the embedded database only).
describe('node-postgres over PGlite', () => {
  let pglite: PGlite;
  let pool: pg.Pool;

  beforeAll(async () => {
    pglite = await PGlite.create('memory://');
    pool = pglitePool(pglite);
    await pool.query('CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL)');
  });
  afterAll(async () => {
    await pool.end();
    await pglite.close();
  });

  it('parses a named statement once per connection and reuses it', async () => {
    const client = await pool.connect();
    try {
      const q = (n: number) =>
        client.query({ name: 'plus_one', text: 'SELECT $1::int + 1 AS n', values: [n] });
      expect((await q(1)).rows).toEqual([{ n: 2 }]);
      const connection = (client as unknown as { connection: { parsedStatements: Record<string, string> } })
        .connection;
      expect(connection.parsedStatements).toHaveProperty('plus_one');
      expect((await q(41)).rows).toEqual([{ n: 42 }]);
    } finally {
      client.release();
    }
  });

  it('answers a server error as node-postgres does, and the connection goes on', async () => {
    const err = await pool.query('SELEC 1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('42601');
    // an error while binding a named statement, then the same statement again
    const bad = await pool
      .query({ name: 'as_int', text: 'SELECT $1::int AS n', values: ['x'] })
      .catch((e) => e);
    expect((bad as DatabaseError).code).toBe('22P02');
    expect((await pool.query({ name: 'as_int', text: 'SELECT $1::int AS n', values: ['7'] })).rows).toEqual([
      { n: 7 },
    ]);
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('keeps transactions: a failed statement aborts it and ROLLBACK discards its writes', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO t VALUES ($1, $2)', [1, 'kept?']);
      const dup = await client.query('INSERT INTO t VALUES ($1, $2)', [1, 'again']).catch((e) => e);
      expect((dup as DatabaseError).code).toBe('23505');
      expect((dup as DatabaseError).constraint).toBe('t_pkey');
      const aborted = await client.query('SELECT 1').catch((e) => e);
      expect((aborted as DatabaseError).code).toBe('25P02');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await pool.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
  });

  it('starts each new connection on a fresh session: a dropped one leaves no transaction behind', async () => {
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES (2, $1)', ['uncommitted']);
    await client.query({ name: 'left_behind', text: 'SELECT 1 AS n' });
    client.release(new Error('dropped')); // pg-pool ends it; the backend is still mid-transaction
    expect((await pool.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    expect((await pool.query({ name: 'left_behind', text: 'SELECT 1 AS n' })).rows).toEqual([{ n: 1 }]);
    expect(pglite.isInTransaction()).toBe(false);
  });

  it('reads an answer larger than one chunk, text intact', async () => {
    const { rows } = await pool.query<{ i: number; s: string }>(
      `SELECT i, repeat('Öberg ✓ ', 200) || i AS s FROM generate_series(1, 4000) AS i ORDER BY i`,
    );
    expect(rows).toHaveLength(4000);
    expect(rows.every((r, k) => r.i === k + 1 && r.s === `${'Öberg ✓ '.repeat(200)}${k + 1}`)).toBe(true);
  });

  it('serves concurrent callers one at a time, each its own answer', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        pool.query<{ v: string | null }>({
          name: 'echo',
          text: 'SELECT $1::text AS v',
          values: [i % 3 ? `ü${i}` : null],
        }),
      ),
    );
    expect(answers.map((a) => a.rows[0]?.v)).toEqual(
      Array.from({ length: 30 }, (_, i) => (i % 3 ? `ü${i}` : null)),
    );
  });
});

/**
 * pglite-connection.ts stands in for node-postgres's socket connection and reads pg-protocol's
 * internal parser: an upgrade of either can break the embedded database without a type error. These
 * fail loudly first, naming what to check.
 */
describe('the contract with node-postgres', () => {
  const root = new URL('../../', import.meta.url);
  const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
  const PINNED = ['pg', 'pg-protocol', '@electric-sql/pglite'];
  const UPGRADE =
    'pglite-connection.ts relies on node-postgres internals: after an upgrade, read its members ' +
    'against pg/lib/client.js and query.js, run this file and `npm run bench:api`, then pin again';

  it('pins node-postgres, pg-protocol and PGlite exactly, and installs those versions', () => {
    const manifest = JSON.parse(read('package.json'));
    for (const name of PINNED) {
      const wanted = manifest.dependencies[name] as string;
      expect(wanted, `${name} is not pinned exactly. ${UPGRADE}`).toMatch(/^\d+\.\d+\.\d+$/);
      const installed = JSON.parse(read(`node_modules/${name}/package.json`)).version;
      expect(installed, `${name} ${installed} installed, ${wanted} pinned. ${UPGRADE}`).toBe(wanted);
    }
    // pg's own pg-protocol is the one pinned (no second copy under node_modules/pg)
    expect(existsSync(new URL('node_modules/pg/node_modules/pg-protocol', root)), UPGRADE).toBe(false);
  });

  it("has every member node-postgres's client and query call on their connection", async () => {
    const used = new Set(
      ['client.js', 'query.js'].flatMap((f) =>
        [...read(`node_modules/pg/lib/${f}`).matchAll(/\bconnection\.(\w+)/g)].map((m) => m[1] as string),
      ),
    );
    // PGlite never asks for a password: node-postgres's SASL/SCRAM replies are never sent.
    const neverCalled = new Set(['sendSASLInitialResponseMessage', 'sendSCRAMClientFinalMessage']);
    const pglite = await PGlite.create('memory://');
    const pool = pglitePool(pglite);
    try {
      const client = await pool.connect();
      const connection = (client as unknown as { connection: object }).connection;
      const missing = [...used].filter((m) => !neverCalled.has(m) && !(m in connection));
      client.release();
      expect(missing, `node-postgres calls members the embedded connection lacks. ${UPGRADE}`).toEqual([]);
      expect(used.size).toBeGreaterThan(10);
    } finally {
      await pool.end();
      await pglite.close();
    }
  });
});
