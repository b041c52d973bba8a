import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chatStartToken,
  fillToken,
  makeChatbot,
  makeDeal,
  makeWebForm,
  stagesOf,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { sweepAbandonedConversations } from '../chatbots/finish.ts';
import type { ChatbotWithPublicId } from '../chatbots/service.ts';
import { persons } from '../contacts/tables.ts';
import { leads } from '../leads/tables.ts';
import type { WebFormWithPublicId } from '../web-forms/service.ts';
import { webFormSubmissions } from '../web-forms/tables.ts';
import { notifications } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

let ipSeq = 0;
const newIp = () => `10.7.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

async function submit(t: Tenant, form: WebFormWithPublicId, fields: Record<string, string>) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/f/${form.publicId}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _t: fillToken(form), ...fields }).toString(),
    remoteAddress: newIp(),
  });
  return res.statusCode;
}

async function chat(t: Tenant, bot: ChatbotWithPublicId, answers: string[]) {
  const ip = newIp();
  const post = (path: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/c/${bot.publicId}${path}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
      remoteAddress: ip,
    });
  const [first, ...rest] = answers;
  const started = await post('/conversations', { start_token: chatStartToken(bot), answer: first });
  expect(started.statusCode, started.body).toBe(200);
  const token = started.json().data.token as string;
  for (const answer of rest) {
    const res = await post('/messages', { token, answer });
    expect(res.statusCode, res.body).toBe(200);
  }
}

const allOf = (t: Tenant) =>
  t.db.select().from(notifications).where(eq(notifications.companyId, t.companyId));
const leadsOf = (t: Tenant) => t.db.select().from(leads).where(eq(leads.companyId, t.companyId));

/** Makes every insert of a notification for this company fail, for the duration of `fn`. */
async function withFailingNotifications(t: Tenant, fn: () => Promise<void>) {
  const name = `test_fail_notice_${t.companyId}`;
  await t.db.execute(
    sql.raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.company_id = ${t.companyId} THEN RAISE EXCEPTION 'notification refused'; END IF; RETURN NEW; END $$`),
  );
  await t.db.execute(
    sql.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION ${name}()`),
  );
  try {
    await fn();
  } finally {
    await t.db.execute(sql.raw(`DROP TRIGGER ${name} ON notifications`));
    await t.db.execute(sql.raw(`DROP FUNCTION ${name}()`));
  }
}

describe('notifications of web form submissions', () => {
  it("notifies the form's owner once, listed newest first with the unread count; nobody else", async () => {
    const t = await newTenant();
    const owner = await t.addUser({ name: 'Olle Owner' });
    const form = await makeWebForm(t, { name: 'Contact us', owner_id: owner.id });
    expect(await submit(t, form, { 'person.name': 'Åsa Öberg', 'person.email': 'asa@example.com' })).toBe(
      200,
    );

    const [lead] = await leadsOf(t);
    expect(await allOf(t)).toHaveLength(1);
    const mine = await owner.as.get('/api/ext/notifications');
    expect(mine.status).toBe(200);
    expect(mine.body.additional_data).toEqual({ next_cursor: null, unread_count: 1 });
    expect(mine.body.data).toEqual([
      expect.objectContaining({
        kind: 'web_form_submission',
        is_read: false,
        lead_id: lead?.id,
        deal_id: null,
        web_form: { id: form.id, name: 'Contact us' },
        chatbot: null,
        actor: null,
        subject: 'Åsa Öberg',
      }),
    ]);
    // the admin who made the form is not its owner: nothing for them; nor for another company
    expect((await t.get('/api/ext/notifications')).body).toMatchObject({
      data: [],
      additional_data: { unread_count: 0 },
    });
    const other = await newTenant();
    expect((await other.get('/api/ext/notifications')).body.data).toEqual([]);
  });

  it('notifies of a deal form with the deal, and names the organization when there is no person', async () => {
    const t = await newTenant();
    const second = (await stagesOf(t)).stages[1] as number;
    const form = await makeWebForm(t, {
      target: 'deal',
      stage_id: second,
      fields: [{ maps_to: 'organization.name', label: 'Company', required: true }],
    });
    expect(await submit(t, form, { 'organization.name': 'Acme AB' })).toBe(200);
    const [n] = (await t.get('/api/ext/notifications')).body.data;
    expect(n).toMatchObject({ kind: 'web_form_submission', lead_id: null, subject: 'Acme AB' });
    expect(n.deal_id).toEqual(expect.any(Number));
  });

  it('a refused submission notifies nobody', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t);
    expect(await submit(t, form, { 'person.name': '', 'person.email': 'nope' })).toBe(400);
    expect(await submit(t, form, { 'person.name': 'Bot', website_url: 'http://spam.test' })).toBe(400);
    expect(await allOf(t)).toEqual([]);
    expect((await t.get('/api/ext/notifications')).body.additional_data.unread_count).toBe(0);
  });

  it('is written in the transaction of the lead: a notification that fails undoes the submission', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t);
    await withFailingNotifications(t, async () => {
      const status = await submit(t, form, { 'person.name': 'Åsa Öberg', 'person.email': 'asa@example.com' });
      expect(status).toBe(500);
    });
    expect(await leadsOf(t)).toEqual([]);
    expect(await t.db.select().from(persons).where(eq(persons.companyId, t.companyId))).toEqual([]);
    expect(
      await t.db.select().from(webFormSubmissions).where(eq(webFormSubmissions.companyId, t.companyId)),
    ).toEqual([]);
    // and once it can be written, the same submission makes the lead and its one notification
    expect(await submit(t, form, { 'person.name': 'Åsa Öberg', 'person.email': 'asa@example.com' })).toBe(
      200,
    );
    expect(await leadsOf(t)).toHaveLength(1);
    expect(await allOf(t)).toHaveLength(1);
  });
});

describe('notifications of chatbot leads', () => {
  const answers = ['Pricing', 'Ann Visitor', 'ann@visitor.test', 'Visitor AB'];

  it("notifies the end card's owner of the lead, in the conversation's transaction", async () => {
    const t = await newTenant();
    const seller = await t.addUser({ name: 'Sid Seller' });
    const cards = (await import('../../../test/factories/chatbots.ts')).DEMO_CARDS.map((c) =>
      c.id === 'done' ? { ...c, owner_id: seller.id } : c,
    );
    const bot = await makeChatbot(t, { name: 'Acme bot', cards });
    await withFailingNotifications(t, async () => {
      const ip = newIp();
      const started = await t.app.inject({
        method: 'POST',
        url: `/c/${bot.publicId}/conversations`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ start_token: chatStartToken(bot), answer: 'Pricing' }),
        remoteAddress: ip,
      });
      const token = started.json().data.token as string;
      for (const answer of answers.slice(1, 3)) {
        await t.app.inject({
          method: 'POST',
          url: `/c/${bot.publicId}/messages`,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ token, answer }),
          remoteAddress: ip,
        });
      }
      const last = await t.app.inject({
        method: 'POST',
        url: `/c/${bot.publicId}/messages`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ token, answer: 'Visitor AB' }),
        remoteAddress: ip,
      });
      expect(last.statusCode).toBe(500);
    });
    expect(await leadsOf(t)).toEqual([]);

    await chat(t, bot, answers);
    const [lead] = await leadsOf(t);
    expect(lead?.ownerId).toBe(seller.id);
    const page = await seller.as.get('/api/ext/notifications');
    expect(page.body.data).toEqual([
      expect.objectContaining({
        kind: 'chatbot_lead',
        lead_id: lead?.id,
        chatbot: { id: bot.id, name: 'Acme bot' },
        web_form: null,
        subject: 'Ann Visitor',
      }),
    ]);
    expect((await t.get('/api/ext/notifications')).body.data).toEqual([]);
  });

  it("notifies the playbook's owner of the lead an abandoned conversation becomes, once", async () => {
    const t = await newTenant();
    const bot = await makeChatbot(t);
    await chat(t, bot, answers.slice(0, 3));
    const now = Date.now();
    await sweepAbandonedConversations(t.ctx, { now: new Date(now + 8 * 3600_000 + 1000) });
    await sweepAbandonedConversations(t.ctx, { now: new Date(now + 9 * 3600_000) });
    const [lead] = await leadsOf(t);
    const page = await t.get('/api/ext/notifications');
    expect(page.body.data).toEqual([
      expect.objectContaining({ kind: 'chatbot_lead', lead_id: lead?.id, subject: 'Ann Visitor' }),
    ]);
  });
});

describe('the notifications API', () => {
  it('pages newest first by cursor, lists mentions with who and where, and marks read', async () => {
    const t = await newTenant();
    const u = await t.addUser({ name: 'Ulla User' });
    const deal = await makeDeal(t, { title: 'Big deal' });
    const form = await makeWebForm(t, { owner_id: u.id });
    expect(
      await submit(t, form, { 'person.name': 'First Visitor', 'person.email': 'first@example.com' }),
    ).toBe(200);
    expect(
      await submit(t, form, { 'person.name': 'Second Visitor', 'person.email': 'second@example.com' }),
    ).toBe(200);
    const note = await t.post('/api/v1/notes', {
      deal_id: deal.id,
      content: `<p>Look <span data-mention-user-id="${u.id}">@Ulla</span></p>`,
    });
    expect(note.status).toBe(201);

    const p1 = await u.as.get('/api/ext/notifications', { limit: 2 });
    expect(p1.body.additional_data.unread_count).toBe(3);
    expect(p1.body.data.map((n: { kind: string }) => n.kind)).toEqual(['mention', 'web_form_submission']);
    expect(p1.body.data[0]).toMatchObject({
      actor: { id: t.userId, name: expect.stringMatching(/^Admin /) },
      note_id: note.body.data.id,
      deal_id: deal.id,
      lead_id: null,
    });
    expect(p1.body.data[1].subject).toBe('Second Visitor');
    const p2 = await u.as.get('/api/ext/notifications', {
      limit: 2,
      cursor: p1.body.additional_data.next_cursor,
    });
    expect(p2.body.data.map((n: { subject: string }) => n.subject)).toEqual(['First Visitor']);
    expect(p2.body.additional_data.next_cursor).toBeNull();

    // one's own ids only: the admin cannot mark Ulla's read, and learns nothing from trying
    const ids = p1.body.data.map((n: { id: number }) => n.id);
    expect((await t.post('/api/ext/notifications/read', { ids })).body.data).toEqual({
      updated: 0,
      unread_count: 0,
    });
    const one = await u.as.post('/api/ext/notifications/read', { ids: [ids[0]] });
    expect(one.body.data).toEqual({ updated: 1, unread_count: 2 });
    const unread = await u.as.get('/api/ext/notifications', { unread_only: true });
    expect(unread.body.data.map((n: { subject: string }) => n.subject)).toEqual([
      'Second Visitor',
      'First Visitor',
    ]);
    expect((await u.as.post('/api/ext/notifications/read', { all: true })).body.data).toEqual({
      updated: 2,
      unread_count: 0,
    });
    const all = await u.as.get('/api/ext/notifications');
    expect(all.body.data.every((n: { is_read: boolean }) => n.is_read)).toBe(true);
  });

  it('refuses bad bodies and queries naming the field, marking nothing', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t);
    expect(await submit(t, form, { 'person.name': 'Åsa Öberg', 'person.email': 'asa@example.com' })).toBe(
      200,
    );
    const bad = async (res: Promise<{ status: number; body: { error: string } }>, field: string) => {
      const r = await res;
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error).toContain(field);
    };
    await bad(t.post('/api/ext/notifications/read', {}), 'ids');
    await bad(t.post('/api/ext/notifications/read', { ids: [1], all: true }), 'ids');
    await bad(t.post('/api/ext/notifications/read', { ids: [] }), 'ids');
    await bad(t.post('/api/ext/notifications/read', { ids: ['x'] }), 'ids');
    await bad(t.post('/api/ext/notifications/read', { all: false }), 'all');
    await bad(t.get('/api/ext/notifications', { limit: 0 }), 'limit');
    await bad(t.get('/api/ext/notifications', { cursor: 'not-a-cursor' }), 'cursor');
    expect((await t.get('/api/ext/notifications')).body.additional_data.unread_count).toBe(1);
    const anon = await t.app.inject({ method: 'GET', url: '/api/ext/notifications' });
    expect(anon.statusCode).toBe(401);
  });
});
