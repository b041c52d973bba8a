import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

describeBrowser('web app in Chromium: a project from a won deal', () => {
  afterAll(closeBrowser);

  it('wins a deal, creates a project from a template, sees it on the board with its tasks, drags it', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const deal = (await t.post('/api/v2/deals', { title: 'Öberg kontor' })).body.data as { id: number };
    const tpl = await t.post('/api/ext/projectTemplates', {
      title: 'Leverans',
      tasks: [
        { title: 'Uppstartsmöte', due_in_days: 2 },
        { title: 'Utbildning', due_in_days: 14 },
      ],
    });
    expect(tpl.status).toBe(200);

    const p = await openPage(base);
    const { page } = p;
    await logIn(page, t.email, t.password);
    await page.goto(`/deals/${deal.id}`);
    // an open deal offers no project yet
    await page.getByText('No projects for this deal.').waitFor();
    expect(await page.getByRole('button', { name: 'Create project' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Won', exact: true }).click();
    await page.getByRole('button', { name: 'Create project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create project' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Öberg leverans');
    await dialog.getByLabel('Template', { exact: true }).click();
    await page.getByRole('option', { name: 'Leverans' }).click();
    await p.shot('projects-create');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const link = page
      .getByRole('list', { name: 'Projects of this deal' })
      .getByRole('link', { name: 'Öberg leverans' });
    await link.waitFor();
    await p.shot('projects-deal-section');

    const projects = (await t.get('/api/v2/projects', { deal_id: deal.id })).body.data as {
      id: number;
      phase_id: number;
      board_id: number;
    }[];
    expect(projects).toHaveLength(1);
    const project = projects[0]!;
    const phases = (await t.get('/api/v2/phases', { board_id: project.board_id })).body.data as {
      id: number;
    }[];
    expect(project.phase_id).toBe(phases[0]!.id);

    // the board: the card in the first phase; drag it to the second
    await page.getByRole('link', { name: 'Projects' }).click();
    const card = page.locator(`[data-phase-id="${phases[0]!.id}"] [data-project-id="${project.id}"]`);
    await card.waitFor();
    await p.shot('projects-board');
    const target = page.locator(`[data-phase-id="${phases[1]!.id}"]`);
    const from = (await card.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + 10, from.y + from.height - 6);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + from.height, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 15 });
    await page.mouse.up();
    await expect
      .poll(async () => (await t.get(`/api/v2/projects/${project.id}`)).body.data.phase_id, {
        timeout: 10_000,
      })
      .toBe(phases[1]!.id);
    await page.locator(`[data-phase-id="${phases[1]!.id}"] [data-project-id="${project.id}"]`).waitFor();

    // the project's page: the template's tasks; one is checked off
    await page.getByRole('link', { name: 'Öberg leverans' }).click();
    const tasks = page.getByRole('list', { name: 'Tasks of this project' });
    await tasks.getByRole('checkbox', { name: 'Uppstartsmöte' }).check();
    await expect
      .poll(async () => {
        const res = await t.get('/api/v2/tasks', { project_id: project.id, is_done: 'true' });
        return res.body.data.map((x: { title: string }) => x.title);
      })
      .toEqual(['Uppstartsmöte']);
    await tasks.getByRole('checkbox', { name: 'Utbildning' }).waitFor();
    // the linked deal by its title; a start date typed and saved on Enter
    await page.getByRole('link', { name: 'Öberg kontor' }).waitFor();
    const start = page.getByRole('textbox', { name: 'Start date' });
    await start.fill('2027-01-11');
    await start.press('Enter');
    await expect
      .poll(async () => (await t.get(`/api/v2/projects/${project.id}`)).body.data.start_date)
      .toBe('2027-01-11');
    await p.shot('projects-detail');
    expect(p.errors).toEqual([]);
    await p.close();

    // the phone: the board and the project scroll, nothing is cut off for the checks
    const phone = await openPage(base, { width: 390, height: 844 });
    await logIn(phone.page, t.email, t.password);
    await phone.page.goto('/projects');
    await phone.page.locator(`[data-project-id="${project.id}"]`).waitFor();
    await phone.shot('projects-board');
    await phone.page.goto(`/projects/${project.id}`);
    await phone.page.getByRole('list', { name: 'Tasks of this project' }).waitFor();
    await phone.shot('projects-detail');
    expect(phone.errors).toEqual([]);
    await phone.close();
  });
});
