import { describe, expect, it } from 'vitest';
import { makeField, stagesOf } from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';

describe('fields required in a stage', () => {
  it('refuses to move a deal into the stage while the value is empty, by PATCH and on the board', async () => {
    const t = await newTenant();
    const { stages } = await stagesOf(t);
    const [first, second, third] = stages as [number, number, number];
    const reason = await makeField(t, 'deal', {
      name: 'Reason',
      field_type: 'varchar',
      required_fields: { enabled: true, stage_ids: [second] },
    });
    // disabled: no rule
    await makeField(t, 'deal', {
      name: 'Loose',
      field_type: 'varchar',
      required_fields: { enabled: false, stage_ids: [third] },
    });
    const id = (await t.post('/api/v2/deals', { title: 'R', stage_id: first })).body.data.id;
    const patched = await t.patch(`/api/v2/deals/${id}`, { stage_id: second });
    expect(patched.status).toBe(400);
    expect(patched.body.error).toContain(`custom_fields.${reason.key}`);
    const moved = await t.post(`/api/ext/deals/${id}/move`, { stage_id: second });
    expect(moved.status).toBe(400);
    expect(moved.body.error).toContain(`custom_fields.${reason.key}`);
    expect((await t.get(`/api/v2/deals/${id}`)).body.data.stage_id).toBe(first);
    expect((await t.patch(`/api/v2/deals/${id}`, { stage_id: third })).status).toBe(200);
    // with the value in the same request, the move is allowed
    const ok = await t.patch(`/api/v2/deals/${id}`, {
      stage_id: second,
      custom_fields: { [reason.key]: 'Budget' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data.stage_id).toBe(second);
  });
});
