/**
 * kill -9 in the middle of bulk conversions: the real server (src/main.ts) in a child process on its
 * own data, killed while its jobs run, started again on the same data. The jobs must resume at once and
 * complete, with every lead converted exactly once and no note or activity left on a converted lead.
 * On the embedded database, and on PostgreSQL when DATABASE_URL is set (in a database of its own).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConversion, checkProblems } from '../bench/conversion/check.ts';
import { type ConvTenant, seedConversionCompany } from '../bench/lib/seed/conversion.ts';
import { openDatabase } from '../src/db/client.ts';
import { call, type ServerProcess, startServerProcess } from './helpers/server-process.ts';

const LEADS = 1500;
const JOB = 500;

interface Job {
  status: string;
  progress: number;
  total: number;
  result: { lead_id: string; status: string; deal_id: number | null }[] | null;
}

/**
 * A company with LEADS leads (each with a person, an organization, two notes and two activities),
 * written straight into the database before the server starts (set-based, seconds faster than the API).
 */
async function seedCompany(setup: Setup): Promise<ConvTenant> {
  const database = await openSetup(setup);
  try {
    await database.migrate();
    return await seedConversionCompany(database.db, 'Crash Test Co', LEADS);
  } finally {
    await database.close();
  }
}

const openSetup = (setup: Setup) =>
  openDatabase({
    databaseUrl: setup.databaseUrl,
    dataDir: setup.databaseUrl ? undefined : path.join(setup.dataDir, 'db'),
  });

const jobOf = async (server: ServerProcess, id: number) =>
  (await call<{ data: Job }>(server, 'GET', `/api/ext/jobs/${id}`)).body.data;

/** Queues the conversions, kills the server once a job has made progress, and answers the jobs' state then. */
async function queueAndKill(server: ServerProcess, leads: string[]): Promise<{ ids: number[]; seen: Job[] }> {
  const batches: string[][] = [];
  for (let i = 0; i < leads.length; i += JOB) batches.push(leads.slice(i, i + JOB));
  const queued = await Promise.all(
    batches.map((lead_ids) => call(server, 'POST', '/api/ext/leads/convert', { lead_ids })),
  );
  expect(queued.map((r) => r.status)).toEqual(batches.map(() => 200));
  const ids: number[] = queued.map((r) => r.body.data.job_id);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const seen = await Promise.all(ids.map((id) => jobOf(server, id)));
    if (seen.some((j) => j.progress > 0) || seen.every((j) => j.status === 'completed')) {
      await server.crash();
      return { ids, seen };
    }
    if (Date.now() > deadline) throw new Error(`no progress seen:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Setup {
  dataDir: string;
  databaseUrl?: string;
}

async function crashAndResume(setup: Setup) {
  const company = await seedCompany(setup);
  const leads = company.leadIds;
  let server = await startServerProcess({ ...setup, token: company.token });
  let stopped = false;
  try {
    const { ids, seen } = await queueAndKill(server, leads);
    // killed mid-way: not all of the work was done
    expect(seen.map((j) => j.status)).not.toEqual(ids.map(() => 'completed'));

    const restarted = Date.now();
    server = await startServerProcess({ ...setup, token: company.token });
    let jobs: Job[] = [];
    await expect
      .poll(
        async () => {
          jobs = await Promise.all(ids.map((id) => jobOf(server, id)));
          return jobs.map((j) => j.status);
        },
        { timeout: 60_000, interval: 100 },
      )
      .toEqual(ids.map(() => 'completed'));
    expect(Date.now() - restarted).toBeLessThan(60_000);

    // Every lead converted once, reported once, in order.
    const results = jobs.flatMap((j) => j.result ?? []);
    expect(results.map((r) => r.lead_id)).toEqual(leads);
    expect(results.filter((r) => r.status !== 'completed')).toEqual([]);
    expect(new Set(results.map((r) => r.deal_id)).size).toBe(LEADS);
    await server.stop();
    stopped = true;

    // What the database holds: each lead deleted and the source of exactly one deal, every note and
    // activity on the deal made from its lead, none left on a lead, no conversion left running.
    const database = await openSetup(setup);
    try {
      expect(checkProblems(await checkConversion(database.db, company.companyId), LEADS)).toEqual([]);
      const running = await database.db.execute(
        sql`SELECT count(*)::int AS n FROM conversions WHERE company_id = ${company.companyId} AND status = 'running'`,
      );
      expect((running as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
      // a job was cut short in the middle and claimed again (the kill was not between two jobs)
      const claims = await database.db.execute(
        sql`SELECT max(attempts)::int AS most FROM jobs WHERE company_id = ${company.companyId} AND kind = 'convert_leads'`,
      );
      expect((claims as unknown as { rows: { most: number }[] }).rows[0]?.most).toBe(2);
    } finally {
      await database.close();
    }
  } finally {
    if (!stopped) await server.crash();
  }
}

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipewright-crash-'));
  temp.push(dir);
  return dir;
};

describe('killed with kill -9 in the middle of bulk conversions', () => {
  // Seeding 3,000 leads and starting the server twice take most of the time on a busy 2-core machine;
  // what the issue promises (done within a minute of the restart) is checked inside, on its own clock.
  it('resumes at once on the embedded database and converts every lead once', {
    timeout: 180_000,
  }, async () => {
    await crashAndResume({ dataDir: tempDir() });
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'resumes within a minute on PostgreSQL and converts every lead once',
    { timeout: 180_000 },
    async () => {
      const url = new URL(process.env.DATABASE_URL as string);
      const name = `pipewright_crash_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      try {
        url.pathname = `/${name}`;
        await crashAndResume({ dataDir: tempDir(), databaseUrl: url.toString() });
      } finally {
        // the test's own pools end asynchronously: let their connections go before FORCE would kill one
        for (let i = 0; i < 50; i++) {
          const left = await admin.query(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (left.rows[0]?.n === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
  );
});
