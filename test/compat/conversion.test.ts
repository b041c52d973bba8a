import { describe, expect, it } from 'vitest';
import { officialClient } from './server.ts';

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as Record<string, unknown>,
  );

describe('official pipedrive client: conversions, changelog, flow, search', () => {
  it('converts a lead to a deal with its notes and activities, and the deal back to a lead', async () => {
    const { cfg1, cfg2, v1, v2 } = await officialClient();
    const person = await new v2.PersonsApi(cfg2).addPerson({ AddPersonRequest: { name: 'Convert Me' } });
    const lead = await new v1.LeadsApi(cfg1).addLead({
      AddLeadRequest: {
        title: 'Qualified lead',
        person_id: person.data!.id!,
        value: { amount: 900, currency: 'EUR' },
      },
    });
    const leadId = lead.data!.id!;
    await new v1.NotesApi(cfg1).addNote({ AddNoteRequest: { content: 'First call', lead_id: leadId } });
    await new v2.ActivitiesApi(cfg2).addActivity({
      AddActivityRequest: { subject: 'Demo', type: 'meeting', lead_id: leadId },
    });

    const leadsV2 = new v2.LeadsApi(cfg2);
    const job = await leadsV2.convertLeadToDeal({ id: leadId });
    const status = await leadsV2.getLeadConversionStatus({
      id: leadId,
      conversion_id: job.data!.conversion_id!,
    });
    expect(status.data).toMatchObject({ status: 'completed' });
    const dealId = status.data!.deal_id!;
    const deal = await new v2.DealsApi(cfg2).getDeal({ id: dealId, include_fields: 'source_lead_id' });
    expect(deal.data).toMatchObject({
      title: 'Qualified lead',
      value: 900,
      currency: 'EUR',
      person_id: person.data!.id,
    });
    expect((deal.data as { source_lead_id?: string }).source_lead_id).toBe(leadId);
    expect((await new v1.NotesApi(cfg1).getNotes({ deal_id: dealId })).data).toHaveLength(1);
    expect((await new v2.ActivitiesApi(cfg2).getActivities({ deal_id: dealId })).data).toHaveLength(1);
    expect(await rejection(new v1.LeadsApi(cfg1).getLead({ id: leadId }))).toMatchObject({ success: false });

    const dealsApi = new v2.DealsApi(cfg2);
    const back = await dealsApi.convertDealToLead({ id: dealId });
    const backStatus = await dealsApi.getDealConversionStatus({
      id: dealId,
      conversion_id: back.data!.conversion_id!,
    });
    expect(backStatus.data).toMatchObject({ status: 'completed' });
    const newLead = await new v1.LeadsApi(cfg1).getLead({ id: backStatus.data!.lead_id! });
    expect(newLead.data).toMatchObject({
      title: 'Qualified lead',
      source_deal_id: dealId,
      source_name: 'Deal',
    });
    expect((await new v1.NotesApi(cfg1).getNotes({ lead_id: newLead.data!.id! })).data).toHaveLength(1);
    const unknown = await rejection(
      leadsV2.getLeadConversionStatus({ id: leadId, conversion_id: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown).toMatchObject({ success: false });
  });

  it('reads a deal changelog and flow over v1', async () => {
    const { cfg1, cfg2, v1, v2 } = await officialClient();
    const deals = new v2.DealsApi(cfg2);
    const deal = await deals.addDeal({ AddDealRequest: { title: 'Tracked', value: 100 } });
    const id = deal.data!.id!;
    await deals.updateDeal({ id, UpdateDealRequest: { value: 250, title: 'Tracked deal' } });
    await new v1.NotesApi(cfg1).addNote({ AddNoteRequest: { content: 'Priced', deal_id: id } });
    const changelog = await new v1.DealsApi(cfg1).getDealChangelog({ id });
    const value = changelog.data?.find((c) => c.field_key === 'value');
    expect(value).toMatchObject({ old_value: '100', new_value: '250', change_source: 'api' });
    const flow = await new v1.DealsApi(cfg1).getDealUpdates({ id });
    expect(flow.data?.map((f) => f.object)).toEqual(expect.arrayContaining(['note', 'dealChange']));
  });

  it('finds records through itemSearch, accents and case aside', async () => {
    const { cfg2, v2 } = await officialClient();
    await new v2.PersonsApi(cfg2).addPerson({ AddPersonRequest: { name: 'Åsa Öberg' } });
    await new v2.OrganizationsApi(cfg2).addOrganization({
      AddOrganizationRequest: { name: 'Öberg Bygg AB' },
    });
    const found = await new v2.ItemSearchApi(cfg2).searchItem({ term: 'oberg' });
    const types = found.data?.items?.map((i) => (i.item as { type: string }).type).sort();
    expect(types).toEqual(['organization', 'person']);
    const persons = await new v2.PersonsApi(cfg2).searchPersons({ term: 'ASA' });
    expect(persons.data?.items?.[0]?.item?.name).toBe('Åsa Öberg');
  });
});

describe('official pipedrive client: merging duplicates', () => {
  it('merges two persons and two organizations over v1, re-pointing their deals', async () => {
    const { cfg1, cfg2, v1, v2 } = await officialClient();
    const persons = new v2.PersonsApi(cfg2);
    const keep = await persons.addPerson({
      AddPersonRequest: {
        name: "Sean O'Brien",
        emails: [{ value: 'sean@obrien.example', primary: true, label: 'work' }],
      },
    });
    const dupe = await persons.addPerson({
      AddPersonRequest: {
        name: 'Seán OBrien',
        phones: [{ value: '+353 1 234 5678', primary: true, label: 'work' }],
      },
    });
    const deal = await new v2.DealsApi(cfg2).addDeal({
      AddDealRequest: { title: 'Dupe deal', person_id: dupe.data!.id! },
    });
    const merged = await new v1.PersonsApi(cfg1).mergePersons({
      id: dupe.data!.id!,
      MergePersonsRequest: { merge_with_id: keep.data!.id! },
    });
    expect(merged.data?.id).toBe(keep.data!.id);
    const survivor = await persons.getPerson({ id: keep.data!.id! });
    expect(survivor.data?.emails?.map((e) => e.value)).toEqual(['sean@obrien.example']);
    expect(survivor.data?.phones?.map((p) => p.value)).toEqual(['+353 1 234 5678']);
    expect((await new v2.DealsApi(cfg2).getDeal({ id: deal.data!.id! })).data?.person_id).toBe(keep.data!.id);

    const orgs = new v2.OrganizationsApi(cfg2);
    const a = await orgs.addOrganization({ AddOrganizationRequest: { name: 'Acme AB' } });
    const b = await orgs.addOrganization({ AddOrganizationRequest: { name: 'ACME AB' } });
    const orgMerged = await new v1.OrganizationsApi(cfg1).mergeOrganizations({
      id: b.data!.id!,
      MergeOrganizationsRequest: { merge_with_id: a.data!.id! },
    });
    expect(orgMerged.data?.id).toBe(a.data!.id);
  });
});
