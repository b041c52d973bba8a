import { describe, expect, it } from 'vitest';
import { officialClient } from './server.ts';

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as Record<string, unknown>,
  );

describe('official pipedrive client: persons, organizations, leads, labels, deals', () => {
  it('keeps contacts over v2', async () => {
    const { cfg2, v2 } = await officialClient();
    const orgs = new v2.OrganizationsApi(cfg2);
    const persons = new v2.PersonsApi(cfg2);
    const org = await orgs.addOrganization({
      AddOrganizationRequest: {
        name: 'Öberg & Co',
        address: { value: 'Drottninggatan 1, Stockholm', locality: 'Stockholm' },
      },
    });
    expect(org.data).toMatchObject({ name: 'Öberg & Co', address: { locality: 'Stockholm' } });
    const person = await persons.addPerson({
      AddPersonRequest: {
        name: 'Åsa Öberg',
        org_id: org.data!.id!,
        emails: [{ value: 'asa@oberg.se', primary: true, label: 'work' }],
        phones: [{ value: '+46 70 123 45 67', primary: true, label: 'mobile' }],
      },
    });
    expect(person.data).toMatchObject({
      name: 'Åsa Öberg',
      org_id: org.data!.id,
      emails: [{ value: 'asa@oberg.se', primary: true }],
    });
    const updated = await persons.updatePerson({
      id: person.data!.id!,
      UpdatePersonRequest: { job_title: 'CEO' },
    });
    expect(updated.data?.job_title).toBe('CEO');
    const list = await persons.getPersons({ org_id: org.data!.id!, limit: 10 });
    expect(list.data?.map((p) => p.id)).toEqual([person.data!.id]);
    expect(list.additional_data?.next_cursor).toBeNull();
    await persons.deletePerson({ id: person.data!.id! });
    expect(await rejection(persons.getPerson({ id: person.data!.id! }))).toMatchObject({ success: false });
  });

  it('runs the lead lifecycle over v1: labels, add, list, archive, delete', async () => {
    const { cfg1, cfg2, v1, v2 } = await officialClient();
    const person = await new v2.PersonsApi(cfg2).addPerson({ AddPersonRequest: { name: 'Lead Person' } });
    const labelsApi = new v1.LeadLabelsApi(cfg1);
    const labels = await labelsApi.getLeadLabels();
    expect(labels.data?.map((l) => l.name).sort()).toEqual(['Cold', 'Hot', 'Warm']);
    const label = await labelsApi.addLeadLabel({ AddLeadLabelRequest: { name: 'Partner', color: 'purple' } });
    expect(label.data).toMatchObject({ name: 'Partner', color: 'purple' });

    const leads = new v1.LeadsApi(cfg1);
    const lead = await leads.addLead({
      AddLeadRequest: {
        title: 'Big opportunity',
        person_id: person.data!.id!,
        label_ids: [label.data!.id!],
        value: { amount: 1500, currency: 'EUR' },
        expected_close_date: '2027-01-31',
      },
    });
    expect(lead.data).toMatchObject({
      title: 'Big opportunity',
      person_id: person.data!.id,
      label_ids: [label.data!.id],
      value: { amount: 1500, currency: 'EUR' },
      source_name: 'API',
      origin: 'API',
      visible_to: '3',
      was_seen: false,
      is_archived: false,
    });
    const id = lead.data!.id!;
    const page = await leads.getLeads({ limit: 50, start: 0 });
    expect(page.data?.map((l) => l.id)).toEqual([id]);
    const archived = await leads.updateLead({ id, UpdateLeadRequest: { is_archived: true } });
    expect(archived.data?.is_archived).toBe(true);
    expect((await leads.getLeads({})).data).toEqual([]);
    expect((await leads.getArchivedLeads({})).data?.map((l) => l.id)).toEqual([id]);
    const refused = await rejection(leads.updateLead({ id, UpdateLeadRequest: { title: 'changed' } }));
    expect(refused).toMatchObject({ success: false });
    await leads.updateLead({ id, UpdateLeadRequest: { is_archived: false } });
    const sources = await new v1.LeadSourcesApi(cfg1).getLeadSources();
    expect(sources.data?.map((s) => s.name)).toEqual(expect.arrayContaining(['API', 'Manually created']));
    expect((await leads.deleteLead({ id })).data).toEqual({ id });
    expect(await rejection(leads.getLead({ id }))).toMatchObject({ success: false, error: 'Lead not found' });
    expect((await labelsApi.deleteLeadLabel({ id: label.data!.id! })).data).toEqual({ id: label.data!.id });
  });

  it('moves a deal through its pipeline over v2: won, reopened, archived, deleted', async () => {
    const { cfg2, v2 } = await officialClient();
    const stages = (await new v2.StagesApi(cfg2).getStages({ sort_by: 'order_nr' })).data!;
    const deals = new v2.DealsApi(cfg2);
    const org = await new v2.OrganizationsApi(cfg2).addOrganization({
      AddOrganizationRequest: { name: 'Acme' },
    });
    const deal = await deals.addDeal({
      AddDealRequest: { title: 'Acme renewal', org_id: org.data!.id!, value: 5000 },
    });
    expect(deal.data).toMatchObject({
      title: 'Acme renewal',
      value: 5000,
      currency: 'USD',
      status: 'open',
      stage_id: stages[0]!.id,
      pipeline_id: stages[0]!.pipeline_id,
    });
    const id = deal.data!.id!;
    const moved = await deals.updateDeal({ id, UpdateDealRequest: { stage_id: stages[2]!.id! } });
    expect(moved.data?.stage_id).toBe(stages[2]!.id);
    const won = await deals.updateDeal({ id, UpdateDealRequest: { status: 'won' } });
    expect(won.data?.won_time).toMatch(/Z$/);
    const reopened = await deals.updateDeal({ id, UpdateDealRequest: { status: 'open' } });
    expect(reopened.data).toMatchObject({ status: 'open', won_time: null, close_time: null });
    const open = await deals.getDeals({ status: 'open', limit: 100 });
    expect(open.data?.map((d) => d.id)).toEqual([id]);
    await deals.updateDeal({ id, UpdateDealRequest: { is_archived: true } });
    expect((await deals.getDeals({})).data).toEqual([]);
    expect((await deals.getArchivedDeals({})).data?.map((d) => d.id)).toEqual([id]);
    await deals.updateDeal({ id, UpdateDealRequest: { is_archived: false } });
    expect((await deals.deleteDeal({ id })).data).toEqual({ id });
    expect((await deals.getDeals({ status: 'deleted' })).data?.map((d) => d.id)).toEqual([id]);
    const bad = await rejection(deals.addDeal({ AddDealRequest: { title: 'x', stage_id: 999999999 } }));
    expect(bad).toMatchObject({ success: false });
    expect(String(bad.error)).toContain('stage_id');
  });
});
