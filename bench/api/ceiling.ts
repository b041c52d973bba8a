import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type pg from 'pg';
import type { Db } from '../../src/db/client.ts';

/**
 * The ceilings' work: the three benchmarked requests as the equivalent raw SQL straight on the driver the
 * app uses (node-postgres's pool under Drizzle, both databases) as named statements, parsed and planned
 * once per connection as the app's hot statements are — no query builder, no zod, no transaction — with
 * the same company filter and roughly the same JSON shape. Adding a lead does what the use case must (the
 * reference check and the change event), nothing more. Two servers answer with it: a bare Fastify route
 * per request (buildCeiling) and a bare `node:http` server (bench/api/bare.ts); both on the app's paths, so
 * the harness sends identical requests to all three.
 */
export interface Answer {
  status: number;
  body: unknown;
}

export function ceilingWork(pool: pg.Pool, tenant: { companyId: number; userId: number }) {
  const c = tenant.companyId;
  const query = async (name: string, text: string, values: unknown[]) =>
    (await pool.query<Row>({ name: `ceiling_${name}`, text, values })).rows;
  return {
    async listLeads(q: { limit?: string | undefined; start?: string | undefined }): Promise<Answer> {
      const limit = Math.min(Math.max(Number(q.limit ?? 100) || 100, 1), 500);
      const start = Math.max(Number(q.start ?? 0) || 0, 0);
      const rows = await query(
        'leads',
        `SELECT ${LEAD_COLUMNS} FROM leads
         WHERE company_id = $1 AND is_archived = false AND is_deleted = false
         ORDER BY add_time, id LIMIT $2 OFFSET $3`,
        [c, limit + 1, start],
      );
      const more = rows.length > limit;
      return {
        status: 200,
        body: {
          success: true,
          data: rows.slice(0, limit).map(presentLead),
          additional_data: { start, limit, more_items_in_collection: more },
        },
      };
    },

    async addLead(body: { title?: unknown; person_id?: unknown } | undefined): Promise<Answer> {
      if (typeof body?.title !== 'string' || typeof body.person_id !== 'number') {
        return { status: 400, body: { success: false, error: 'title and person_id are required' } };
      }
      // What adding a lead must do, as bare SQL: check that the person is the company's, insert, and
      // write the change event with the change (DESIGN.md), in one statement as the app does.
      const rows = await query(
        'add_lead',
        `WITH new_lead AS (
           INSERT INTO leads (company_id, title, owner_id, creator_id, person_id, source_name, origin, visible_to)
           SELECT $1, $2, $3, $3, $4, 'API', 'API', 3
           WHERE EXISTS (SELECT 1 FROM persons WHERE company_id = $1 AND id = $4 AND NOT is_deleted)
           RETURNING ${LEAD_COLUMNS}
         ), new_lead_event AS (
           INSERT INTO audit_events (company_id, item_type, item_id, action, actor_type, actor_user_id, change_source)
           SELECT $1, 'lead', id::text, 'create', 'user', $3, 'api' FROM new_lead
         )
         SELECT * FROM new_lead`,
        [c, body.title, tenant.userId, body.person_id],
      );
      if (!rows[0]) return { status: 400, body: { success: false, error: 'person_id: no such person' } };
      return { status: 201, body: { success: true, data: presentLead(rows[0]) } };
    },

    async getDeal(idText: string): Promise<Answer> {
      const id = Number(idText);
      if (!Number.isSafeInteger(id) || id < 1) return { status: 400, body: { success: false, error: 'id' } };
      const rows = await query(
        'deal',
        `SELECT ${DEAL_COLUMNS} FROM deals WHERE company_id = $1 AND id = $2 AND is_deleted = false`,
        [c, id],
      );
      if (!rows[0]) return { status: 404, body: { success: false, error: 'Deal not found' } };
      return { status: 200, body: { success: true, data: presentDeal(rows[0]) } };
    },
  };
}

/** The driver's pool under a Drizzle handle. */
export const poolOf = (db: Db) => (db as unknown as { $client: pg.Pool }).$client;

/** The Fastify ceiling: a bare Fastify route per benchmarked request, over ceilingWork. */
export async function buildCeiling(db: Db, tenant: { companyId: number; userId: number; token: string }) {
  const app: FastifyInstance = Fastify({ logger: false });
  const work = ceilingWork(poolOf(db), tenant);
  const send = (reply: FastifyReply, a: Answer) => reply.code(a.status).send(a.body);

  app.addHook('onRequest', async (req, reply) => {
    if (req.headers['x-api-token'] !== tenant.token) {
      return reply.code(401).send({ success: false, error: 'unauthorized access' });
    }
  });
  app.get('/api/v1/leads', (req, reply) =>
    work.listLeads(req.query as { limit?: string; start?: string }).then((a) => send(reply, a)),
  );
  app.post('/api/v1/leads', (req, reply) =>
    work.addLead(req.body as { title?: unknown; person_id?: unknown }).then((a) => send(reply, a)),
  );
  app.get('/api/v2/deals/:id', (req, reply) =>
    work.getDeal((req.params as { id: string }).id).then((a) => send(reply, a)),
  );
  return app;
}

const LEAD_COLUMNS = `id, company_id, title, owner_id, creator_id, label_ids, person_id, organization_id, source_name,
  origin, origin_id, channel, channel_id, source_deal_id, is_archived, was_seen, value_amount, value_currency,
  expected_close_date, next_activity_id, visible_to, custom_fields, add_time, update_time`;

const DEAL_COLUMNS = `id, title, owner_id, person_id, org_id, pipeline_id, stage_id, value, currency,
  add_time, update_time, stage_change_time, is_deleted, is_archived, archive_time, status, probability,
  lost_reason, visible_to, close_time, won_time, lost_time, expected_close_date, label_ids, origin,
  origin_id, channel, channel_id, custom_fields`;

type Row = Record<string, unknown>;

/** bigint ids arrive as numbers (src/db/client.ts sets the int8 parser). */
const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** timestamps arrive as Dates (node-postgres's own parser, not Drizzle's). */
const time = (v: unknown) => (v === null || v === undefined ? null : (v as Date));
const isoTime = (v: unknown) => time(v)?.toISOString() ?? null;
const rfcTime = (v: unknown) => {
  const d = time(v);
  return d ? `${d.toISOString().slice(0, 19)}Z` : null;
};

function presentLead(r: Row) {
  return {
    id: r.id,
    title: r.title,
    owner_id: int(r.owner_id),
    creator_id: int(r.creator_id),
    label_ids: r.label_ids,
    person_id: int(r.person_id),
    organization_id: int(r.organization_id),
    source_name: r.source_name,
    origin: r.origin,
    origin_id: r.origin_id,
    channel: r.channel,
    channel_id: r.channel_id,
    source_deal_id: int(r.source_deal_id),
    is_archived: r.is_archived,
    was_seen: r.was_seen,
    value: r.value_amount === null ? null : { amount: Number(r.value_amount), currency: r.value_currency },
    expected_close_date: r.expected_close_date,
    next_activity_id: int(r.next_activity_id),
    add_time: isoTime(r.add_time),
    update_time: isoTime(r.update_time),
    visible_to: String(r.visible_to),
    cc_email: `${r.company_id}+lead+${String(r.id).slice(0, 8)}@pipewright.local`,
    ...(r.custom_fields as Row),
  };
}

function presentDeal(r: Row) {
  return {
    id: int(r.id),
    title: r.title,
    owner_id: int(r.owner_id),
    person_id: int(r.person_id),
    org_id: int(r.org_id),
    pipeline_id: int(r.pipeline_id),
    stage_id: int(r.stage_id),
    value: Number(r.value),
    currency: r.currency,
    add_time: rfcTime(r.add_time),
    update_time: rfcTime(r.update_time),
    stage_change_time: rfcTime(r.stage_change_time),
    is_deleted: r.is_deleted,
    is_archived: r.is_archived,
    archive_time: rfcTime(r.archive_time),
    status: r.status,
    probability: r.probability === null ? null : Number(r.probability),
    lost_reason: r.lost_reason,
    visible_to: r.visible_to,
    close_time: rfcTime(r.close_time),
    won_time: rfcTime(r.won_time),
    lost_time: rfcTime(r.lost_time),
    expected_close_date: r.expected_close_date,
    label_ids: r.label_ids,
    origin: r.origin,
    origin_id: r.origin_id,
    channel: r.channel,
    channel_id: r.channel_id,
    arr: null,
    mrr: null,
    acv: null,
    custom_fields: r.custom_fields,
  };
}
