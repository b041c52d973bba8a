import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { dbKind, testDatabase } from '../../test/helpers/db.ts';
import { careForOne, ownsMaintenance, tablesToCare } from './maintenance.ts';

const table = `upkeep_${randomUUID().slice(0, 8)}`;

afterAll(async () => {
  const { db } = await testDatabase();
  await db.execute(sql.raw(`DROP TABLE IF EXISTS ${table}`));
});

describe('database upkeep', () => {
  it('is Pipewright’s on the embedded database, and on PostgreSQL only when autovacuum is off', async () => {
    const database = await testDatabase();
    const off = database.kind === 'postgres' ? await database.db.execute(sql`SHOW autovacuum`) : null;
    const expected =
      dbKind() === 'pglite' ||
      (off as unknown as { rows: { autovacuum: string }[] }).rows[0]?.autovacuum === 'off';
    expect(await ownsMaintenance(database)).toBe(expected);
  });

  it('analyzes and vacuums the tables whose rows changed, most overdue first, one at a time', async () => {
    const { db } = await testDatabase();
    await db.execute(sql.raw(`CREATE TABLE ${table} (id int PRIMARY KEY, v text)`));
    await db.execute(sql.raw(`INSERT INTO ${table} SELECT g, 'x' FROM generate_series(1, 3000) g`));
    await db.execute(sql.raw(`UPDATE ${table} SET v = 'y' WHERE id <= 1500`));
    // the counters are published about once a second
    await expect
      .poll(async () => (await tablesToCare(db)).find((t) => t.table === table), {
        timeout: 15_000,
        interval: 500,
      })
      .toMatchObject({ table, action: 'vacuum' });
    const care = await tablesToCare(db);
    expect(care.map((c) => c.urgency)).toEqual([...care.map((c) => c.urgency)].sort((a, b) => b - a));
    // one table per call, until this one is done
    for (let i = 0; i < 100; i++) {
      const done = await careForOne(db);
      if (!done || done.table === table) break;
    }
    const stats = (await db.execute(
      sql`SELECT n_dead_tup::int AS dead, (last_vacuum IS NOT NULL) AS vacuumed, (last_analyze IS NOT NULL) AS analyzed
          FROM pg_stat_user_tables WHERE relname = ${table}`,
    )) as unknown as { rows: { dead: number; vacuumed: boolean; analyzed: boolean }[] };
    expect(stats.rows[0]).toMatchObject({ dead: 0, vacuumed: true, analyzed: true });
    expect((await tablesToCare(db)).find((t) => t.table === table)).toBeUndefined();
  });
});
