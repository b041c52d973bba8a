import { describe, expect, it } from 'vitest';
import { makeField } from '../factories/index.ts';
import { officialClient } from './server.ts';

describe('official pipedrive client: custom field values', () => {
  it('writes and reads custom values on deals, persons and organizations (v2) and leads (v1)', async () => {
    const { tenant, cfg1, cfg2, v1, v2 } = await officialClient();
    const stage = await makeField(tenant, 'deal', {
      name: 'Stage',
      field_type: 'enum',
      options: ['Cold', 'Warm'],
    });
    const budget = await makeField(tenant, 'deal', { name: 'Budget', field_type: 'monetary' });
    const hobby = await makeField(tenant, 'person', { name: 'Hobby', field_type: 'varchar' });
    const seats = await makeField(tenant, 'organization', { name: 'Seats', field_type: 'double' });
    const warm = stage.options[1]?.id as number;

    const deals = new v2.DealsApi(cfg2);
    const deal = await deals.addDeal({
      AddDealRequest: {
        title: 'Custom',
        custom_fields: { [stage.key]: warm, [budget.key]: { value: 50, currency: 'EUR' } },
      },
    });
    expect(deal.data?.custom_fields).toEqual({
      [stage.key]: warm,
      [budget.key]: { value: 50, currency: 'EUR' },
    });
    const labelled = await deals.getDeal({ id: deal.data!.id!, include_option_labels: true });
    expect(labelled.data?.custom_fields?.[stage.key]).toEqual({ id: warm, label: 'Warm' });
    const narrowed = await deals.getDeals({ custom_fields: budget.key });
    expect(narrowed.data?.[0]?.custom_fields).toEqual({ [budget.key]: { value: 50, currency: 'EUR' } });
    const refused = await deals
      .updateDeal({ id: deal.data!.id!, UpdateDealRequest: { custom_fields: { [stage.key]: 1 } } })
      .then(
        () => null,
        (e: unknown) => e as { success?: boolean; error?: string },
      );
    expect(refused).toMatchObject({ success: false, error: expect.stringContaining(stage.key) });

    const person = await new v2.PersonsApi(cfg2).addPerson({
      AddPersonRequest: { name: 'Pat', custom_fields: { [hobby.key]: 'Chess' } },
    });
    expect(person.data?.custom_fields).toEqual({ [hobby.key]: 'Chess' });
    const org = await new v2.OrganizationsApi(cfg2).addOrganization({
      AddOrganizationRequest: { name: 'Org', custom_fields: { [seats.key]: 25 } },
    });
    expect(org.data?.custom_fields).toEqual({ [seats.key]: 25 });

    const leads = new v1.LeadsApi(cfg1);
    const lead = await leads.addLead({
      AddLeadRequest: {
        title: 'Lead',
        person_id: person.data!.id!,
        [stage.key]: String(warm),
        [budget.key]: 7,
        [`${budget.key}_currency`]: 'SEK',
      } as never,
    });
    expect(lead.data).toMatchObject({
      [stage.key]: String(warm),
      [budget.key]: 7,
      [`${budget.key}_currency`]: 'SEK',
    });
    const read = await leads.getLead({ id: lead.data!.id! });
    expect(read.data).toMatchObject({ [stage.key]: String(warm), [budget.key]: 7 });
  });
});
