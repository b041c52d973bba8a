import { describe, expect, it } from 'vitest';
import { makeDeal, makeOrganization, makePerson } from '../factories/index.ts';
import { officialClient } from './server.ts';

describe('official pipedrive client: participants and followers', () => {
  it('runs the v1 participant methods of DealsApi', async () => {
    const { cfg1, v1, tenant } = await officialClient();
    const deal = await makeDeal(tenant, { title: 'Shared' });
    const person = await makePerson(tenant, { name: 'Pia Participant' });
    const api = new v1.DealsApi(cfg1);
    const added = await api.addDealParticipant({
      id: deal.id,
      AddDealParticipantRequest: { person_id: person.id },
    });
    expect(added.success).toBe(true);
    expect(added.data).toMatchObject({
      person_id: { value: person.id, name: 'Pia Participant' },
      active_flag: true,
    });
    const list = await api.getDealParticipants({ id: deal.id, start: 0, limit: 10 });
    expect(list.data?.map((p) => p.person_id?.value)).toEqual([person.id]);
    expect(list.additional_data?.more_items_in_collection).toBe(false);
    const removed = await api.deleteDealParticipant({ id: deal.id, deal_participant_id: added.data!.id! });
    expect(removed.data?.id).toBe(added.data!.id);
    expect((await api.getDealParticipants({ id: deal.id })).data).toEqual([]);
    const log = await api.getDealParticipantsChangelog({ id: deal.id, limit: 10 });
    expect(log.data?.map((e) => [e.action, e.person_id, e.actor_user_id])).toEqual([
      ['removed', person.id, tenant.userId],
      ['added', person.id, tenant.userId],
    ]);
  });

  it('runs the v2 follower methods of deals, persons and organizations, and the v1 ones', async () => {
    const { cfg1, cfg2, v1, v2, tenant } = await officialClient();
    const me = tenant.userId;
    const deal = (await makeDeal(tenant)).id;
    const person = (await makePerson(tenant)).id;
    const org = (await makeOrganization(tenant)).id;

    const deals = new v2.DealsApi(cfg2);
    expect(
      (await deals.addDealFollower({ id: deal, AddDealFollowerRequest: { user_id: me } })).data?.user_id,
    ).toBe(me);
    expect((await deals.getDealFollowers({ id: deal })).data?.map((f) => f.user_id)).toEqual([me]);
    expect((await deals.deleteDealFollower({ id: deal, follower_id: me })).data?.user_id).toBe(me);
    const dealLog = await deals.getDealFollowersChangelog({ id: deal });
    expect(dealLog.data?.map((e) => [e.action, e.follower_user_id])).toEqual([
      ['removed', me],
      ['added', me],
    ]);

    const persons = new v2.PersonsApi(cfg2);
    await persons.addPersonFollower({ id: person, AddDealFollowerRequest: { user_id: me } });
    expect((await persons.getPersonFollowers({ id: person })).data?.map((f) => f.user_id)).toEqual([me]);
    expect((await persons.deletePersonFollower({ id: person, follower_id: me })).data?.user_id).toBe(me);
    expect((await persons.getPersonFollowersChangelog({ id: person })).data).toHaveLength(2);

    const orgs = new v2.OrganizationsApi(cfg2);
    await orgs.addOrganizationFollower({ id: org, AddDealFollowerRequest: { user_id: me } });
    expect((await orgs.getOrganizationFollowers({ id: org })).data?.map((f) => f.user_id)).toEqual([me]);
    expect((await orgs.deleteOrganizationFollower({ id: org, follower_id: me })).data?.user_id).toBe(me);
    expect((await orgs.getOrganizationFollowersChangelog({ id: org })).data).toHaveLength(2);

    // v1: follower_id is the relation's id
    const d1 = new v1.DealsApi(cfg1);
    const rel = await d1.addDealFollower({ id: deal, AddDealFollowerRequest: { user_id: me } });
    expect(rel.data).toMatchObject({ user_id: me, deal_id: deal });
    expect((await d1.getDealFollowers({ id: deal })).data?.map((f) => f.id)).toEqual([rel.data!.id]);
    expect((await d1.deleteDealFollower({ id: deal, follower_id: rel.data!.id! })).data?.id).toBe(
      rel.data!.id,
    );

    const p1 = new v1.PersonsApi(cfg1);
    const prel = await p1.addPersonFollower({ id: person, AddPersonFollowerRequest: { user_id: me } });
    expect(prel.data).toMatchObject({ user_id: me, person_id: person });
    expect((await p1.getPersonFollowers({ id: person })).data?.map((f) => f.user_id)).toEqual([me]);
    expect((await p1.deletePersonFollower({ id: person, follower_id: prel.data!.id! })).data?.id).toBe(
      prel.data!.id,
    );

    const o1 = new v1.OrganizationsApi(cfg1);
    const orel = await o1.addOrganizationFollower({
      id: org,
      AddOrganizationFollowerRequest: { user_id: me },
    });
    expect(orel.data).toMatchObject({ user_id: me, org_id: org });
    expect((await o1.getOrganizationFollowers({ id: org })).data?.map((f) => f.user_id)).toEqual([me]);
    expect((await o1.deleteOrganizationFollower({ id: org, follower_id: orel.data!.id! })).data?.id).toBe(
      orel.data!.id,
    );
  });
});
