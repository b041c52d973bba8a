import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fillToken,
  makeField,
  makeOrganization,
  makePerson,
  makeWebForm,
  stagesOf,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import type { WebFormWithPublicId } from './service.ts';
import { webFormSubmissions } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

let ipSeq = 0;
/** Each test posts from its own address, so the per-address limit of one test leaves the others be. */
const newIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

async function post(
  t: Tenant,
  form: WebFormWithPublicId,
  fields: Record<string, string>,
  o: { ip?: string; token?: string; path?: string } = {},
) {
  const body = new URLSearchParams({ _t: o.token ?? fillToken(form), ...fields }).toString();
  const res = await t.app.inject({
    method: 'POST',
    url: o.path ?? `/f/${form.publicId}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body,
    remoteAddress: o.ip ?? newIp(),
  });
  return { status: res.statusCode, body: res.body, headers: res.headers };
}

const companyLeads = (t: Tenant) => t.db.select().from(leads).where(eq(leads.companyId, t.companyId));
const submissions = (t: Tenant) =>
  t.db.select().from(webFormSubmissions).where(eq(webFormSubmissions.companyId, t.companyId));

describe('web forms API', () => {
  it('creates a form and answers it with its public URL and embed snippet; lists, gets, updates, deletes', async () => {
    const t = await newTenant();
    const res = await t.post('/api/ext/web-forms', {
      name: 'Demo request',
      fields: [
        { maps_to: 'person.name', label: 'Name', required: true },
        { maps_to: 'person.email', label: 'E-mail', required: true },
        { maps_to: 'lead.value', label: 'Budget' },
      ],
    });
    expect(res.status).toBe(200);
    const f = res.body.data;
    expect(f).toMatchObject({ name: 'Demo request', target: 'lead', owner_id: t.userId, pipeline_id: null });
    expect(f.public_id).toMatch(/^[\w-]{24}$/);
    expect(f.public_url).toBe(`http://localhost:80/f/${f.public_id}`);
    expect(f.embed_snippet).toContain(`<iframe src="${f.public_url}?embed=1"`);
    expect(f.fields[0]).toEqual({ maps_to: 'person.name', label: 'Name', required: true, help_text: null });

    expect((await t.get('/api/ext/web-forms')).body.data.map((x: { id: number }) => x.id)).toEqual([f.id]);
    expect((await t.get(`/api/ext/web-forms/${f.id}`)).body.data.public_id).toBe(f.public_id);
    const patched = await t.patch(`/api/ext/web-forms/${f.id}`, {
      name: 'Book a demo',
      settings: { consent_text: 'You may e-mail me.' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ name: 'Book a demo', public_id: f.public_id });
    expect(patched.body.data.settings.consent_text).toBe('You may e-mail me.');
    const other = await newTenant();
    expect((await other.get(`/api/ext/web-forms/${f.id}`)).status).toBe(404);
    expect((await t.del(`/api/ext/web-forms/${f.id}`)).status).toBe(200);
    expect((await t.get(`/api/ext/web-forms/${f.id}`)).status).toBe(404);
    const page = await t.app.inject({ method: 'GET', url: `/f/${f.public_id}` });
    expect(page.statusCode).toBe(404);
    const events = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'web_form')));
    expect(events.map((e) => e.action)).toEqual(['create', 'change', 'delete']);
  });

  it('refuses bad definitions naming the field, writing nothing', async () => {
    const t = await newTenant();
    const bad = async (body: object, field: string) => {
      const res = await t.post('/api/ext/web-forms', body);
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error).toContain(field);
    };
    const fields = [{ maps_to: 'person.name', label: 'Name' }];
    await bad({ name: 'x', fields: [{ maps_to: 'person.age', label: 'Age' }] }, 'maps_to');
    await bad({ name: 'x', fields: [{ maps_to: 'deal.title', label: 'T' }, ...fields] }, 'fields.0.maps_to');
    await bad({ name: 'x', fields: [{ maps_to: 'lead.title', label: 'T' }] }, 'fields');
    await bad({ name: 'x', fields, owner_id: 999999 }, 'owner_id');
    await bad({ name: 'x', fields, stage_id: 999999, target: 'deal' }, 'stage_id');
    await bad({ name: 'x', fields, settings: { redirect_url: 'javascript:alert(1)' } }, 'redirect_url');
    await bad(
      { name: 'x', fields: [...fields, { maps_to: 'a'.repeat(40), label: 'C' }] },
      'fields.1.maps_to',
    );
    expect((await t.get('/api/ext/web-forms')).body.data).toEqual([]);
  });
});

describe('public form page', () => {
  it('renders every input labelled, escapes the builder text, and is framable with a strict CSP', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t, {
      name: 'Talk <b>to</b> us',
      settings: {
        description: '<script>alert(1)</script>',
        consent_text: 'I agree "fully"',
        hidden_fields: [{ name: 'campaign', value: 'winter' }],
      },
    });
    const res = await t.app.inject({
      method: 'GET',
      url: `/f/${form.publicId}?embed=1&campaign=%22%3E%3Cscript%3E`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain('Talk &lt;b&gt;to&lt;/b&gt; us');
    expect(res.body).toContain('value="&quot;&gt;&lt;script&gt;"');
    for (const f of form.fields) {
      const id = `f-${f.maps_to.replace('.', '-')}`;
      expect(res.body).toContain(`<label for="${id}">${f.label}`);
      expect(res.body).toContain(`id="${id}" name="${f.maps_to}"`);
    }
    const csp = String(res.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain('frame-ancestors *');
    expect(csp).toContain("default-src 'none'");
    expect(res.headers['x-frame-options']).toBeUndefined();
    // the one script is the nonce'd resize script of the embed
    const scripts = res.body.match(/<script[^>]*>/g) ?? [];
    expect(scripts).toEqual([`<script nonce="${nonce}">`]);
    const standalone = await t.app.inject({ method: 'GET', url: `/f/${form.publicId}` });
    expect(standalone.body).not.toContain('<script');
  });

  it('answers an unknown or malformed public id with a 404 page in words', async () => {
    const t = await newTenant();
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAAAA', '..%2F..%2Fetc', 'x'.repeat(100)]) {
      const res = await t.app.inject({ method: 'GET', url: `/f/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('This form does not exist');
    }
  });
});

describe('submissions', () => {
  it('creates person, organization and a "Web forms" lead with the consent, and notes it for the owner', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t, { settings: { consent_text: 'You may contact me.' } });
    const res = await post(t, form, {
      'person.name': 'Ada Lovelace',
      'person.email': 'ada@example.com',
      'person.phone': '+46 70 123 45 67',
      'organization.name': 'Analytical Engines',
      'organization.address': 'Storgatan 1, Stockholm',
      consent: 'yes',
      website_url: '',
    });
    expect(res.status, res.body).toBe(200);
    expect(res.body).toContain('Thank you!');
    const [lead] = await companyLeads(t);
    expect(lead).toMatchObject({
      title: 'Ada Lovelace lead',
      sourceName: 'Web forms',
      originId: String(form.id),
      ownerId: t.userId,
    });
    const [person] = await t.db
      .select()
      .from(persons)
      .where(eq(persons.id, lead?.personId ?? 0));
    expect(person?.emails[0]?.value).toBe('ada@example.com');
    expect(person?.orgId).toBe(lead?.organizationId);
    const [sub] = await submissions(t);
    expect(sub).toMatchObject({
      formId: form.id,
      consentText: 'You may contact me.',
      leadId: lead?.id,
      personReused: false,
    });
    expect(sub?.consentTime).toBeInstanceOf(Date);
    expect(sub?.ipHash).not.toContain('10.1.');
    const [notice] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'web_form_submission')));
    expect(notice).toMatchObject({ actorType: 'web_form', changeSource: 'webform', itemId: String(sub?.id) });
    const listed = await t.get(`/api/ext/web-forms/${form.id}/submissions`);
    expect(listed.body.data[0]).toMatchObject({ lead_id: lead?.id, consent_text: 'You may contact me.' });
  });

  it('reuses an existing person (same e-mail) and organization (same name), never refusing', async () => {
    const t = await newTenant();
    const org = await makeOrganization(t, { name: 'Acme AB' });
    const person = await makePerson(t, {
      name: 'Grace Hopper',
      emails: [{ value: 'grace@acme.test' }],
      org_id: org.id,
    });
    const form = await makeWebForm(t);
    const res = await post(t, form, {
      'person.name': 'G. Hopper',
      'person.email': 'GRACE@acme.test',
      'organization.name': 'ACME AB',
    });
    expect(res.status, res.body).toBe(200);
    const [lead] = await companyLeads(t);
    expect(lead).toMatchObject({ personId: person.id, organizationId: org.id });
    const [sub] = await submissions(t);
    expect(sub).toMatchObject({ personReused: true, organizationReused: true });
    expect(await t.db.select().from(persons).where(eq(persons.companyId, t.companyId))).toHaveLength(1);
    expect(
      await t.db.select().from(organizations).where(eq(organizations.companyId, t.companyId)),
    ).toHaveLength(1);
  });

  it('a deal form puts the deal in its stage with value and custom field, hidden campaign included', async () => {
    const t = await newTenant();
    const { pipeline, stages } = await stagesOf(t);
    const campaign = await makeField(t, 'deal', { name: 'Campaign', field_type: 'varchar' });
    const size = await makeField(t, 'deal', { name: 'Team size', field_type: 'double' });
    const form = await makeWebForm(t, {
      target: 'deal',
      pipeline_id: pipeline,
      stage_id: stages[1],
      fields: [
        { maps_to: 'person.name', label: 'Name', required: true },
        { maps_to: 'deal.title', label: 'What do you need?' },
        { maps_to: 'deal.value', label: 'Budget' },
        { maps_to: size.key, label: 'Team size' },
      ],
      settings: { hidden_fields: [{ name: 'campaign', value: 'spring', maps_to: campaign.key }] },
    });
    const res = await post(t, form, {
      'person.name': 'Linus',
      'deal.title': 'Forty seats',
      'deal.value': '1200,50',
      [size.key]: '40',
      hidden_campaign: 'autumn',
    });
    expect(res.status, res.body).toBe(200);
    const [deal] = await t.db.select().from(deals).where(eq(deals.companyId, t.companyId));
    expect(deal).toMatchObject({
      title: 'Forty seats',
      stageId: stages[1],
      pipelineId: pipeline,
      value: '1200.5',
      origin: 'Web forms',
      originId: String(form.id),
    });
    expect(deal?.customFields).toMatchObject({ [campaign.key]: 'autumn', [size.key]: 40 });
    expect(await companyLeads(t)).toEqual([]);
  });

  it('refuses missing required fields and a missing consent, with errors next to the fields, writing nothing', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t, { settings: { consent_text: 'OK to call me' } });
    const res = await post(t, form, { 'person.name': '', 'person.email': 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('id="f-person-name-error"');
    expect(res.body).toContain('Please fill in this field.');
    expect(res.body).toContain('Please enter an e-mail address');
    expect(res.body).toContain('Please tick the box');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('value="not-an-email"');
    expect(await companyLeads(t)).toEqual([]);
    expect(await submissions(t)).toEqual([]);
  });

  it('refuses the honeypot, a too fast or forged fill time, and a non-form body, in words', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t);
    const ok = { 'person.name': 'Bot', 'person.email': 'bot@example.com' };
    const trap = await post(t, form, { ...ok, website_url: 'http://spam.test' });
    expect(trap.status).toBe(400);
    expect(trap.body).toContain('a field meant to stay empty was filled in');
    const fast = await post(t, form, ok, { token: fillToken(form, 100) });
    expect(fast.status).toBe(400);
    expect(fast.body).toContain('too quickly');
    const forged = await post(t, form, ok, { token: `${Date.now() - 10_000}.${'A'.repeat(43)}` });
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('reload');
    const json = await t.app.inject({
      method: 'POST',
      url: `/f/${form.publicId}`,
      payload: { ...ok },
      remoteAddress: newIp(),
    });
    expect(json.statusCode).toBe(415);
    expect(await companyLeads(t)).toEqual([]);
  });
});

describe('hostile input on the public endpoints', () => {
  it('refuses oversized fields and an oversized body with a page in words, writing nothing', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t);
    const long = await post(t, form, {
      'person.name': 'x'.repeat(256),
      'person.email': `${'a'.repeat(250)}@example.com`,
    });
    expect(long.status).toBe(400);
    expect(long.body).toContain('Please use at most 255 characters.');
    expect(long.body).toContain('Please use at most 254 characters.');
    const huge = await post(t, form, { 'person.name': 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toContain('text/html');
    expect(huge.body).toContain('too large');
    const twice = await t.app.inject({
      method: 'POST',
      url: `/f/${form.publicId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_t=${encodeURIComponent(fillToken(form))}&person.name=A&person.name=B&person.email=a%40b.se`,
      remoteAddress: newIp(),
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('sent more than once');
    expect(await companyLeads(t)).toEqual([]);
    expect(await submissions(t)).toEqual([]);
  });

  it('refuses script in every field, echoing it escaped and never as markup', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t, {
      settings: { consent_text: 'Yes', hidden_fields: [{ name: 'campaign', value: 'x' }] },
    });
    const script = '"><script>alert(document.cookie)</script>';
    const fields = Object.fromEntries(form.fields.map((f) => [f.maps_to, script]));
    const res = await post(t, form, { ...fields, hidden_campaign: script, consent: script });
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&quot;&gt;&lt;script&gt;alert(document.cookie)&lt;/script&gt;');
    for (const f of form.fields) expect(res.body).toContain(`id="f-${f.maps_to.replace('.', '-')}-error"`);
    expect(res.body).toContain('Please leave out the characters &lt; and &gt;.');
    expect(res.body).not.toMatch(/<script/);
    expect(await companyLeads(t)).toEqual([]);
    expect(await t.db.select().from(persons).where(eq(persons.companyId, t.companyId))).toEqual([]);
  });

  it('answers 100 submissions from one address in a minute with 429 after the first few', async () => {
    const t = await newTenant();
    const form = await makeWebForm(t);
    const ip = newIp();
    const statuses: number[] = [];
    let tooMany = '';
    for (let i = 0; i < 100; i++) {
      const res = await post(
        t,
        form,
        { 'person.name': `Visitor ${i}`, 'person.email': `v${i}@example.com` },
        { ip },
      );
      statuses.push(res.status);
      if (res.status === 429) {
        tooMany = res.body;
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBe(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(95);
    expect(tooMany).toContain('Too many submissions came from your address');
    expect(await companyLeads(t)).toHaveLength(accepted);
    expect(await submissions(t)).toHaveLength(accepted);
    // another address still gets through
    expect(
      (await post(t, form, { 'person.name': 'Someone else', 'person.email': 'else@example.com' })).status,
    ).toBe(200);
  });
});
