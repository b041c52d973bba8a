import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeLead } from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';
import { leads } from './tables.ts';

const MIGRATION = readFileSync(
  new URL('../../db/migrations/0009_leads_custom_values.sql', import.meta.url),
  'utf8',
);

describe('migration 0009: lead values in the stored form', () => {
  it('folds <key>_<part> root keys into the value object, keeps plain values, and is idempotent', async () => {
    const t = await newTenant();
    const lead = await makeLead(t);
    const money = 'a'.repeat(40);
    const range = 'b'.repeat(40);
    const plain = 'c'.repeat(40);
    // what leads stored before: v1 root keys
    await t.db
      .update(leads)
      .set({
        customFields: {
          [money]: 250,
          [`${money}_currency`]: 'GBP',
          [range]: '2024-01-01',
          [`${range}_until`]: '2024-02-01',
          [plain]: 'blue',
        },
      })
      .where(eq(leads.id, lead.id));
    const expected = {
      [money]: { value: 250, currency: 'GBP' },
      [range]: { value: '2024-01-01', until: '2024-02-01' },
      [plain]: 'blue',
    };
    for (let run = 0; run < 2; run++) {
      await t.db.execute(sql.raw(MIGRATION));
      const [row] = await t.db.select().from(leads).where(eq(leads.id, lead.id));
      expect(row?.customFields).toEqual(expected);
    }
  });
});
