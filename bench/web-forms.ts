/**
 * npm run bench:web-forms [-- --quick] [--only embedded|postgres] [--submissions 500]
 *
 * Web form submissions per second against a bare insert of the same rows, in the same run on the same
 * database: each submission (parseSubmission + recordSubmission: duplicate look-ups for the person and
 * the organization, both created, the lead through addLead, the submission row and the audit events,
 * one transaction), each followed by the same rows written by plain INSERTs (organization, person with
 * its channels, lead, submission; one transaction, no look-up, no event), so both see the same load. The goal is
 * a ratio of at least 0.5; p50/p95/p99 of a submission are printed beside it.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Database } from '../src/db/client.ts';
import { foldedName, nameBlocks, nameKey } from '../src/modules/contacts/name-key.ts';
import { organizations, personChannels, persons } from '../src/modules/contacts/tables.ts';
import type { Ctx } from '../src/modules/context.ts';
import { leads } from '../src/modules/leads/tables.ts';
import { CreateWebFormBody } from '../src/modules/web-forms/schema.ts';
import { createWebForm } from '../src/modules/web-forms/service.ts';
import {
  findPublicForm,
  formCtx,
  formFieldDefs,
  parseSubmission,
  recordSubmission,
} from '../src/modules/web-forms/submit.ts';
import { webFormSubmissions } from '../src/modules/web-forms/tables.ts';
import { onEachDatabase } from './lib/database.ts';
import { heading, notesSection, ratio, runStart, table, verdict, writeResults } from './lib/report.ts';
import { log, onlyOf, positive, runBench } from './lib/run.ts';
import { createBenchCompany } from './lib/seed/company.ts';
import { pct } from './lib/stats.ts';

const USAGE = 'tsx bench/web-forms.ts [--quick] [--only embedded|postgres] [--submissions 500]';
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    submissions: { type: 'string' },
  },
});
const only = onlyOf(args.only, USAGE);
const N = positive('submissions', args.submissions ?? (args.quick ? '100' : '500'), USAGE, true);
const GOAL = 0.5;

interface Row {
  database: string;
  forms: number;
  bare: number;
  p50: number;
  p95: number;
  p99: number;
}

const visitor = (run: string, i: number) => ({
  'person.name': `Visitor ${run} ${i}`,
  'person.email': `visitor-${run}-${i}@example.com`,
  'person.phone': `+46 70 ${String(1_000_000 + i).slice(1)}`,
  'organization.name': `Company ${run} ${i} AB`,
  'organization.address': `Storgatan ${i}, Stockholm`,
  'lead.title': `Demo request ${i}`,
});

async function measure(db: Database, label: string): Promise<Row> {
  const company = await createBenchCompany(db.db, 'Web forms bench');
  const admin: Ctx = {
    db: db.db,
    companyId: company.companyId,
    user: { id: company.userId, isAdmin: true },
    actor: { type: 'system', userId: null, source: 'system' },
  };
  const made = await createWebForm(
    admin,
    CreateWebFormBody.parse({
      name: 'Bench form',
      fields: Object.keys(visitor('x', 0)).map((maps_to) => ({ maps_to, label: maps_to })),
      settings: { consent_text: 'Yes, contact me.' },
    }),
  );
  const form = await findPublicForm(db.db, made.publicId);
  if (!form) throw new Error('bench form not found');

  const submitOne = async (run: string, i: number) => {
    const ctx = formCtx(db.db, form, 'bench');
    const defs = await formFieldDefs(ctx, form);
    const parsed = parseSubmission(form, defs, { ...visitor(run, i), consent: 'yes' });
    if (Object.keys(parsed.errors).length) throw new Error(JSON.stringify(parsed.errors));
    await recordSubmission(ctx, form, parsed, defs, { ip: `10.0.${i >> 8}.${i & 255}` });
  };
  const bareOne = async (run: string, i: number) => {
    const v = visitor(run, i);
    await db.db.transaction(async (tx) => {
      const [org] = await tx
        .insert(organizations)
        .values({
          companyId: company.companyId,
          name: v['organization.name'],
          nameKey: nameKey(v['organization.name']),
          ownerId: company.userId,
          address: { value: v['organization.address'] } as never,
        })
        .returning({ id: organizations.id });
      const [person] = await tx
        .insert(persons)
        .values({
          companyId: company.companyId,
          name: v['person.name'],
          nameKey: nameKey(v['person.name']),
          nameFolded: foldedName(v['person.name']),
          nameBlocks: nameBlocks(v['person.name']),
          ownerId: company.userId,
          orgId: org?.id ?? null,
          emails: [{ value: v['person.email'], primary: true, label: 'work' }],
          phones: [{ value: v['person.phone'], primary: true, label: 'work' }],
        })
        .returning({ id: persons.id });
      await tx.insert(personChannels).values([
        {
          companyId: company.companyId,
          personId: person?.id ?? 0,
          kind: 'email',
          value: v['person.email'],
          normalized: v['person.email'],
        },
        {
          companyId: company.companyId,
          personId: person?.id ?? 0,
          kind: 'phone',
          value: v['person.phone'],
          normalized: v['person.phone'].replace(/[^+\d]/g, ''),
        },
      ]);
      const [lead] = await tx
        .insert(leads)
        .values({
          companyId: company.companyId,
          title: v['lead.title'],
          ownerId: company.userId,
          creatorId: company.userId,
          personId: person?.id ?? null,
          organizationId: org?.id ?? null,
          sourceName: 'Web forms',
          origin: 'Web forms',
          originId: String(form.id),
        })
        .returning({ id: leads.id });
      await tx.insert(webFormSubmissions).values({
        companyId: company.companyId,
        formId: form.id,
        data: v,
        consentText: 'Yes, contact me.',
        consentTime: new Date(),
        ipHash: 'bench',
        personId: person?.id ?? null,
        organizationId: org?.id ?? null,
        leadId: lead?.id ?? null,
      });
    });
  };

  // warm-up: prepared statements and caches of both paths
  for (let i = 0; i < 20; i++) {
    await submitOne('warm', i);
    await bareOne('warmb', i);
  }
  const run = randomUUID().slice(0, 8);
  // interleaved, one submission then one bare insert: both sides see the same load of the machine
  const times: number[] = [];
  let bareMs = 0;
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    await submitOne(run, i);
    const b = performance.now();
    await bareOne(`${run}b`, i);
    bareMs += performance.now() - b;
    times.push(b - s);
  }
  const forms = N / (times.reduce((a, b) => a + b, 0) / 1000);
  const bare = N / (bareMs / 1000);
  times.sort((a, b) => a - b);
  const row = {
    database: label,
    forms,
    bare,
    p50: pct(times, 50) ?? 0,
    p95: pct(times, 95) ?? 0,
    p99: pct(times, 99) ?? 0,
  };
  log(
    `${label}: ${forms.toFixed(0)} submissions/s, bare insert ${bare.toFixed(0)}/s, p99 ${row.p99.toFixed(1)} ms`,
  );
  return row;
}

runBench(async () => {
  const start = runStart();
  const rows: Row[] = [];
  const notes = await onEachDatabase(only, { bench: 'web_forms', inMemory: true }, async (database) => {
    log(`${database.label} (${database.shown}), ${N} submissions`);
    const db = await database.open(2);
    rows.push(await measure(db, database.label));
  });
  writeResults('web-forms.md', [
    ...heading('Web form submissions', start),
    `${N} submissions one after the other, each a new person and organization and a lead, each followed`,
    `by plain INSERTs of the same rows (goal: ratio ≥ ${GOAL}).`,
    '',
    ...table(
      [
        { head: 'database', right: false, cell: (r: Row) => r.database },
        { head: 'submissions/s', right: true, cell: (r: Row) => r.forms.toFixed(0) },
        { head: 'bare insert/s', right: true, cell: (r: Row) => r.bare.toFixed(0) },
        { head: 'ratio', right: true, cell: (r: Row) => ratio(r.forms, r.bare) },
        { head: 'goal', right: true, cell: (r: Row) => verdict(r.forms / r.bare >= GOAL) },
        { head: 'p50', right: true, cell: (r: Row) => `${r.p50.toFixed(1)} ms` },
        { head: 'p95', right: true, cell: (r: Row) => `${r.p95.toFixed(1)} ms` },
        { head: 'p99', right: true, cell: (r: Row) => `${r.p99.toFixed(1)} ms` },
      ],
      rows,
    ),
    '',
    ...notesSection(notes),
  ]);
});
