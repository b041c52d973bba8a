import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: every main page, wide and narrow', () => {
  afterAll(closeBrowser);

  it('renders each page without console errors at 1440x900 and 390x844, with screenshots', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const org = (
      await t.post('/api/v2/organizations', { name: 'Tour Org', address: 'Sveavägen 1, Stockholm' })
    ).body.data;
    const person = (
      await t.post('/api/v2/persons', {
        name: 'Tour Person',
        org_id: org.id,
        emails: [{ value: 'tour@example.test' }],
      })
    ).body.data;
    const lead = (await t.post('/api/v1/leads', { title: 'Tour lead', person_id: person.id })).body.data;
    await t.post('/api/v1/notes', { content: '<p>Met at the <b>fair</b></p>', lead_id: lead.id });
    await t.post('/api/v2/activities', {
      subject: 'Call back',
      type: 'call',
      lead_id: lead.id,
      due_date: '2030-01-01',
    });
    const deal = (await t.post('/api/v2/deals', { title: 'Tour deal', person_id: person.id, value: 5000 }))
      .body.data;
    const gone = (await t.post('/api/v1/leads', { title: 'Deleted lead', person_id: person.id })).body.data;
    await t.del(`/api/v1/leads/${gone.id}`);

    const pages: [string, string, RegExp | string][] = [
      ['leads', '/leads', 'Leads Inbox'],
      ['leads-archived', '/leads/archived', 'Archived leads'],
      ['restore-data', '/leads/restore', 'Restore data'],
      ['lead', `/leads/${lead.id}`, 'Tour lead'],
      ['board', '/deals', 'Pipeline'],
      ['deal', `/deals/${deal.id}`, 'Tour deal'],
      ['people', '/contacts/people', 'Tour Person'],
      ['person', `/contacts/people/${person.id}`, 'Tour Person'],
      ['organizations', '/contacts/organizations', 'Tour Org'],
      ['organization', `/contacts/organizations/${org.id}`, 'Tour Org'],
      ['settings-pipelines', '/settings/pipelines', 'Qualified'],
      ['settings-labels', '/settings/labels', 'Hot'],
      ['settings-users', '/settings/users', t.email],
      ['settings-api', '/settings/api', 'Generate new token'],
    ];
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const p = await openPage(base, viewport);
      await logIn(p.page, t.email, t.password);
      for (const [name, path, text] of pages) {
        await p.page.goto(path);
        await p.page.getByText(text).first().waitFor();
        await p.page.waitForLoadState('networkidle');
        await p.shot(name);
      }
      expect(p.errors).toEqual([]);
      await p.close();
    }
  }, 180_000); // 28 page loads: more than the default test timeout on a busy machine
});
