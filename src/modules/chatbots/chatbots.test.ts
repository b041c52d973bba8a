import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chatStartToken, DEMO_CARDS, makeChatbot, stagesOf } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { notes } from '../notes/tables.ts';
import { sweepAbandonedConversations } from './finish.ts';
import type { ChatbotWithPublicId } from './service.ts';
import { chatbotConversations } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

let ipSeq = 0;
/** Each test speaks from its own address, so one test's limits leave the others be. */
const newIp = () => `10.2.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

const companyLeads = (t: Tenant) => t.db.select().from(leads).where(eq(leads.companyId, t.companyId));
const conversations = (t: Tenant) =>
  t.db.select().from(chatbotConversations).where(eq(chatbotConversations.companyId, t.companyId));
const companyNotes = (t: Tenant) => t.db.select().from(notes).where(eq(notes.companyId, t.companyId));

/** A visitor of the page without JavaScript: each answer a form post carrying the tokens of the page. */
async function pagePost(t: Tenant, bot: ChatbotWithPublicId, fields: Record<string, string>, ip: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/c/${bot.publicId}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: ip,
  });
  const conv = /name="_c" value="([\w-]+)"/.exec(res.body)?.[1];
  return { status: res.statusCode, body: res.body, headers: res.headers, conv };
}

async function json(t: Tenant, bot: ChatbotWithPublicId, path: string, body: unknown, ip: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/c/${bot.publicId}${path}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
    remoteAddress: ip,
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

describe('chatbots API', () => {
  it('creates a playbook with its public URL and widget; lists, gets, disables, deletes', async () => {
    const t = await newTenant();
    const res = await t.post('/api/ext/chatbots', { name: 'Sales bot', cards: DEMO_CARDS });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body.data;
    expect(b).toMatchObject({ name: 'Sales bot', enabled: true, owner_id: t.userId, language: 'en' });
    expect(b.public_id).toMatch(/^[\w-]{24}$/);
    expect(b.public_url).toBe(`http://localhost:80/c/${b.public_id}`);
    expect(b.embed_snippet).toBe(`<script src="${b.public_url}/widget.js" async></script>`);
    expect(b.cards[5]).toMatchObject({ type: 'end', outcome: 'lead', owner_id: null, label_ids: [] });
    expect((await t.get('/api/ext/chatbots')).body.data.map((x: { id: number }) => x.id)).toEqual([b.id]);
    expect((await t.app.inject({ method: 'GET', url: `/c/${b.public_id}` })).statusCode).toBe(200);

    const off = await t.patch(`/api/ext/chatbots/${b.id}`, { enabled: false });
    expect(off.body.data.enabled).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: `/c/${b.public_id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/c/${b.public_id}/widget.js` })).statusCode).toBe(404);
    const other = await newTenant();
    expect((await other.get(`/api/ext/chatbots/${b.id}`)).status).toBe(404);
    expect((await other.patch(`/api/ext/chatbots/${b.id}`, { enabled: true })).status).toBe(404);
    expect((await t.del(`/api/ext/chatbots/${b.id}`)).status).toBe(200);
    expect((await t.get(`/api/ext/chatbots/${b.id}`)).status).toBe(404);
    const events = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'chatbot')));
    expect(events.map((e) => e.action)).toEqual(['create', 'change', 'delete']);
  });

  it('refuses a bad graph or end naming the field, writing nothing', async () => {
    const t = await newTenant();
    const bad = async (cards: unknown, field: string, extra: object = {}) => {
      const res = await t.post('/api/ext/chatbots', { name: 'x', cards, ...extra });
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    };
    const end = { type: 'end', id: 'end', text: 'Bye' };
    await bad([{ type: 'message', id: 'a', text: 'Hi', next: 'nowhere' }, end], 'cards.0.next');
    await bad(
      [{ type: 'message', id: 'a', text: 'Hi', next: 'end' }, end, { ...end, id: 'z' }],
      'cards.2.id',
    );
    // a loop with no way out: a → b → a, and the end is never reached
    await bad(
      [
        { type: 'message', id: 'a', text: 'Hi', next: 'b' },
        { type: 'question', id: 'b', text: '?', options: [{ label: 'again', next: 'a' }] },
        end,
      ],
      'never leads to an end',
    );
    await bad([{ type: 'message', id: 'a', text: 'Hi', next: 'a' }], 'end card');
    await bad([end, end], 'used twice');
    await bad([{ type: 'script', id: 'a', text: 'x' }], 'cards.0');
    await bad([{ type: 'question', id: 'q', text: '?', options: [] }, end], 'options');
    await bad([{ type: 'ask', id: 'q', text: '?', field: 'age', next: 'end' }, end], 'cards.0.field');
    await bad([{ ...end, text: 'x'.repeat(1001) }], 'cards.0.text');
    await bad(
      Array.from({ length: 51 }, (_, i) => ({ ...end, id: `e${i}` })),
      'cards',
    );
    await bad([{ ...end, outcome: 'deal', stage_id: 999999 }], 'cards.0.stage_id');
    await bad([{ ...end, owner_id: 999999 }], 'cards.0.owner_id');
    await bad([{ ...end, outcome: 'lead', label_ids: [3] }], 'cards.0.label_ids');
    await bad([end], 'owner_id', { owner_id: 999999 });
    expect((await t.get('/api/ext/chatbots')).body.data).toEqual([]);
  });
});

describe('hosted chat page', () => {
  it('runs a conversation without JavaScript and makes a lead with the transcript note', async () => {
    const t = await newTenant();
    const bot = await makeChatbot(t, { name: 'Acme <b>bot</b>' });
    const ip = newIp();
    const page = await t.app.inject({ method: 'GET', url: `/c/${bot.publicId}`, remoteAddress: ip });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Acme &lt;b&gt;bot&lt;/b&gt;');
    expect(page.body).toContain('Hi! I am the Acme bot.');
    expect(page.body).toContain(
      '<button type="submit" class="option" name="answer" value="Pricing">Pricing</button>',
    );
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('frame-ancestors *');
    expect(await conversations(t)).toEqual([]); // a page view writes nothing

    const _t = chatStartToken(bot);
    const first = await pagePost(t, bot, { _t, answer: 'Pricing', website_url: '' }, ip);
    expect(first.status).toBe(200);
    expect(first.body).toContain('What is your name?');
    expect(first.conv).toMatch(/^[\w-]{32}$/);
    const c = first.conv as string;
    expect((await pagePost(t, bot, { _c: c, answer: 'Ann Visitor' }, ip)).status).toBe(200);
    const wrong = await pagePost(t, bot, { _c: c, answer: 'not-an-email' }, ip);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('Please enter an e-mail address');
    expect(wrong.body).toContain('value="not-an-email"');
    expect((await pagePost(t, bot, { _c: c, answer: 'ann@visitor.test' }, ip)).status).toBe(200);
    const last = await pagePost(t, bot, { _c: c, answer: 'Visitor AB' }, ip);
    expect(last.status).toBe(200);
    expect(last.body).toContain('Thanks, we will be in touch.');
    expect(last.body).toContain('The conversation has ended');

    const [lead] = await companyLeads(t);
    expect(lead).toMatchObject({ sourceName: 'Leadbooster', origin: 'Chatbot', originId: String(bot.id) });
    const [person] = await t.db
      .select()
      .from(persons)
      .where(eq(persons.id, lead?.personId as number));
    expect(person?.name).toBe('Ann Visitor');
    const [org] = await t.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, lead?.organizationId as number));
    expect(org?.name).toBe('Visitor AB');
    const [note] = await companyNotes(t);
    expect(note?.leadId).toBe(lead?.id);
    expect(note?.content).toContain('Chatbot conversation: Acme &lt;b&gt;bot&lt;/b&gt;');
    expect(note?.content).toContain('Visitor: ann@visitor.test');
    expect(note?.content).toContain('What is your name?');
    const [conv] = await conversations(t);
    expect(conv).toMatchObject({ status: 'ended', leadId: lead?.id, card: null, visitorMessages: 4 });
    // the ended conversation takes no more answers
    expect((await pagePost(t, bot, { _c: c, answer: 'again' }, ip)).status).toBe(410);
    expect(await companyLeads(t)).toHaveLength(1);
  });

  it('ends without a lead on a branch that makes none, and serves the launcher script', async () => {
    const t = await newTenant();
    const bot = await makeChatbot(t);
    const ip = newIp();
    const r = await pagePost(t, bot, { _t: chatStartToken(bot), answer: 'just looking' }, ip);
    expect(r.body).toContain('Have a nice day!');
    expect(await companyLeads(t)).toEqual([]);
    expect((await conversations(t))[0]?.status).toBe('ended');
    const js = await t.app.inject({ method: 'GET', url: `/c/${bot.publicId}/widget.js`, remoteAddress: ip });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('text/javascript');
    expect(js.body).toContain(`"http://localhost:80/c/${bot.publicId}?embed=1"`);
    expect(js.body).toContain('createElement("iframe")');
  });
});

describe('conversation API', () => {
  it('talks JSON: the opening, the start with the first answer, then each answer to a deal in its stage', async () => {
    const t = await newTenant();
    const second = (await stagesOf(t)).stages[1] as number;
    const cards = DEMO_CARDS.map((c) => (c.id === 'done' ? { ...c, outcome: 'deal', stage_id: second } : c));
    const bot = await makeChatbot(t, { cards });
    const ip = newIp();
    const open = await t.app.inject({
      method: 'GET',
      url: `/c/${bot.publicId}/conversations/new`,
      remoteAddress: ip,
    });
    const o = open.json();
    expect(o.data.messages.map((m: { text: string }) => m.text)).toEqual([
      'Hi! I am the Acme bot.',
      'What brings you here?',
    ]);
    expect(o.data.input).toEqual({
      kind: 'options',
      options: ['Pricing', 'Just looking'],
      free_text: false,
      max_length: 1000,
    });
    expect(o.data.start_token).toMatch(/^\d{13}\./);
    // the opening's own start token is too fresh: the minimum time applies
    const fast = await json(
      t,
      bot,
      '/conversations',
      { start_token: o.data.start_token, answer: 'Pricing' },
      ip,
    );
    expect(fast.status).toBe(400);
    expect(fast.body.error_info).toBe('tooFast');
    const s = await json(
      t,
      bot,
      '/conversations',
      { start_token: chatStartToken(bot), answer: 'Pricing' },
      ip,
    );
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    const token = s.body.data.token as string;
    expect(s.body.data.input.kind).toBe('name');
    const pick = await json(t, bot, '/messages', { token, answer: 'Bo Buyer' }, ip);
    expect(pick.body.data.input.kind).toBe('email');
    await json(t, bot, '/messages', { token, answer: 'bo@buyer.test' }, ip);
    const end = await json(t, bot, '/messages', { token, answer: 'Buyer Inc' }, ip);
    expect(end.body.data.ended).toBe(true);
    expect(end.body.data.input.kind).toBe('none');
    const [deal] = await t.db.select().from(deals).where(eq(deals.companyId, t.companyId));
    expect(deal).toMatchObject({ stageId: second, origin: 'Chatbot', originId: String(bot.id) });
    const [note] = await companyNotes(t);
    expect(note?.dealId).toBe(deal?.id);
    expect(await companyLeads(t)).toEqual([]);
  });
});

describe('hostile visitors', () => {
  it('refuses script, oversized and unreadable input with a clear error, writing and reflecting nothing raw', async () => {
    const t = await newTenant();
    const bot = await makeChatbot(t);
    const ip = newIp();
    const s = await json(
      t,
      bot,
      '/conversations',
      { start_token: chatStartToken(bot), answer: 'Pricing' },
      ip,
    );
    const token = s.body.data.token as string;
    const script = '<script>alert(1)</script>';
    const before = await conversations(t);
    for (const answer of [script, '"><img src=x onerror=alert(1)>', 'x'.repeat(256), 'a\u0000b']) {
      const r = await json(t, bot, '/messages', { token, answer }, ip);
      expect(r.status, answer).toBe(400);
      expect(r.body.field).toBe('answer');
      expect(typeof r.body.error).toBe('string');
      // the page form reflects the answer escaped only
      const p = await pagePost(t, bot, { _c: token, answer }, ip);
      expect(p.status).toBe(400);
      expect(p.body).not.toContain('<script>alert');
      expect(p.body).not.toContain('<img');
    }
    expect(await conversations(t)).toEqual(before);
    // script as the start answer, the honeypot, tokens and fields of the wrong shape
    const start = (body: object) => json(t, bot, '/conversations', body, ip);
    expect((await start({ start_token: chatStartToken(bot), answer: script })).status).toBe(400);
    expect(
      (await start({ start_token: chatStartToken(bot), answer: 'Pricing', website_url: 'x' })).body
        .error_info,
    ).toBe('honeypot');
    expect((await start({ start_token: script, answer: 'Pricing' })).body.error_info).toBe('expired');
    expect((await start({ start_token: chatStartToken(bot), answer: ['Pricing'] })).status).toBe(400);
    expect((await json(t, bot, '/messages', { token: script, answer: 'x' }, ip)).status).toBe(410);
    const huge = await json(t, bot, '/messages', { token, answer: 'x'.repeat(20_000) }, ip);
    expect(huge.status).toBe(413);
    const notJson = await t.app.inject({
      method: 'POST',
      url: `/c/${bot.publicId}/messages`,
      headers: { 'content-type': 'application/json' },
      payload: '{"token":',
      remoteAddress: ip,
    });
    expect(notJson.statusCode).toBe(400);
    const page = await t.app.inject({
      method: 'GET',
      url: `/c/${encodeURIComponent(script)}`,
      remoteAddress: ip,
    });
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('<script>alert');
    expect(await conversations(t)).toHaveLength(1);
    expect(await companyLeads(t)).toEqual([]);
  });

  it('answers 429 to 100 messages from one address in a minute, and caps a conversation', async () => {
    const t = await newTenant();
    const cards = [
      {
        type: 'question',
        id: 'q',
        text: 'Say anything',
        free_text: true,
        next: 'q2',
        options: [{ label: 'stop', next: 'end' }],
      },
      {
        type: 'question',
        id: 'q2',
        text: 'More?',
        free_text: true,
        next: 'q',
        options: [{ label: 'stop', next: 'end' }],
      },
      { type: 'end', id: 'end', text: 'Bye', outcome: 'none' },
    ];
    const bot = await makeChatbot(t, { cards });
    const ip = newIp();
    const s = await json(t, bot, '/conversations', { start_token: chatStartToken(bot), answer: 'hello' }, ip);
    const token = s.body.data.token as string;
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++)
      statuses.push((await json(t, bot, '/messages', { token, answer: `m${i}` }, ip)).status);
    const accepted = statuses.filter((x) => x === 200).length;
    // 30 a minute with the start's answer: 29 at once, a token or two more refilled while the test runs
    expect(statuses.slice(0, 29).every((x) => x === 200)).toBe(true);
    expect(accepted).toBeLessThanOrEqual(33);
    expect(statuses.filter((x) => x === 429)).toHaveLength(100 - accepted);
    const [conv] = await conversations(t);
    expect(conv?.visitorMessages).toBe(1 + accepted);
    const r = await json(t, bot, '/messages', { token, answer: 'again' }, ip);
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBeTruthy();
    // from other addresses the conversation runs on to its cap of 40 answers
    const room = 40 - (1 + accepted);
    const more: number[] = [];
    for (let i = 0; i < room + 2; i++)
      more.push((await json(t, bot, '/messages', { token, answer: `n${i}` }, newIp())).status);
    expect(more.slice(0, room).every((x) => x === 200)).toBe(true);
    expect(more.slice(room)).toEqual([400, 400]);
    expect((await conversations(t))[0]?.visitorMessages).toBe(40);
  });
});

describe('abandoned conversations', () => {
  it('become a lead with the transcript after 8 idle hours when they left an e-mail, once', async () => {
    const t = await newTenant();
    const bot = await makeChatbot(t);
    const ip = newIp();
    const a = await json(
      t,
      bot,
      '/conversations',
      { start_token: chatStartToken(bot), answer: 'Pricing' },
      ip,
    );
    const token = a.body.data.token as string;
    await json(t, bot, '/messages', { token, answer: 'Cy Idle' }, ip);
    await json(t, bot, '/messages', { token, answer: 'cy@idle.test' }, ip);
    // a second one that gave no contact details
    await json(t, bot, '/conversations', { start_token: chatStartToken(bot), answer: 'Pricing' }, ip);
    const ctx = { ...t.ctx };
    const now = Date.now();
    expect(await sweepAbandonedConversations(ctx, { now: new Date(now + 7 * 3600_000) })).toEqual({
      leads: 0,
      closed: 0,
    });
    expect(await sweepAbandonedConversations(ctx, { now: new Date(now + 8 * 3600_000 + 1000) })).toEqual({
      leads: 1,
      closed: 2,
    });
    expect(await sweepAbandonedConversations(ctx, { now: new Date(now + 9 * 3600_000) })).toEqual({
      leads: 0,
      closed: 0,
    });
    const [lead] = await companyLeads(t);
    expect(lead).toMatchObject({ sourceName: 'Leadbooster', origin: 'Chatbot', ownerId: t.userId });
    const [note] = await companyNotes(t);
    expect(note?.leadId).toBe(lead?.id);
    expect(note?.content).toContain('unfinished');
    expect(note?.content).toContain('Visitor: cy@idle.test');
    expect((await conversations(t)).map((c) => c.status)).toEqual(['abandoned', 'abandoned']);
    // an abandoned conversation takes no more answers
    expect((await json(t, bot, '/messages', { token, answer: 'Late Co' }, ip)).status).toBe(410);
  });
});
