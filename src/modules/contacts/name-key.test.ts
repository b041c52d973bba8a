import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../test/helpers/app.ts';
import { backfillNameKeys, nameKey } from './name-key.ts';
import { organizations, persons } from './tables.ts';

describe('nameKey', () => {
  it('folds case, accents, apostrophes and word order', () => {
    expect(nameKey('O’Brien, Seán')).toBe('obrien sean');
    expect(nameKey('Sean OBrien')).toBe('obrien sean');
    expect(nameKey("o'brien sean")).toBe('obrien sean');
    expect(nameKey('O`Brien   SEAN')).toBe('obrien sean');
    expect(nameKey('SEAN O´BRIEN')).toBe('obrien sean');
    expect(nameKey('Brien O')).toBe(nameKey('O Brien'));
    expect(nameKey('Åsa Öberg')).toBe('asa oberg');
    expect(nameKey('Asa Oberg')).toBe('asa oberg');
    expect(nameKey('Müller')).toBe('muller');
    expect(nameKey('José Ñúñez')).toBe('jose nunez');
    expect(nameKey('Søren Kierkegaard')).toBe('kierkegaard soren');
    expect(nameKey('Straße')).toBe('strasse');
    expect(nameKey('Łukasz Żółć')).toBe('lukasz zolc');
  });

  it('joins hyphenated and dotted words and keeps scripts without case', () => {
    expect(nameKey('Smith-Jones')).toBe('smithjones');
    expect(nameKey('J.R.R. Tolkien')).toBe('jrr tolkien');
    expect(nameKey('王小明')).toBe('王小明');
    expect(nameKey('王 小明')).toBe('小明 王');
    // other cased scripts fold the same way (й loses its breve like any accent)
    expect(nameKey('ШОСТАКОВИЧ Дмитрий')).toBe(nameKey('Дмитрий Шостакович'));
    expect(nameKey('Дмитрий Шостакович')).toBe('дмитрии шостакович');
    expect(nameKey('ＡＢＣ Corp')).toBe('abc corp');
    expect(nameKey('Acme\u00a0\u2003Inc.')).toBe('acme inc');
    expect(nameKey('Ja\u00adson\u200b Smith\tJr\u0000')).toBe('jason jr smith');
  });

  it('has no key for names without letters or digits', () => {
    expect(nameKey('')).toBeNull();
    expect(nameKey('  ')).toBeNull();
    expect(nameKey("'-.,")).toBeNull();
    expect(nameKey(null)).toBeNull();
    expect(nameKey('x'.repeat(10_000))).toHaveLength(10_000);
  });
});

describe('name_key upkeep', () => {
  it('keeps name_key of persons and organizations on add and rename', async () => {
    const t = await newTenant();
    const p = (await t.post('/api/v2/persons', { name: 'Åsa Öberg' })).body.data.id;
    const o = (await t.post('/api/v2/organizations', { name: 'Müller & Söhne GmbH' })).body.data.id;
    const keyOf = async (table: typeof persons | typeof organizations, id: number) =>
      (await t.db.select({ k: table.nameKey }).from(table).where(eq(table.id, id)))[0]?.k;
    expect(await keyOf(persons, p)).toBe('asa oberg');
    expect(await keyOf(organizations, o)).toBe('gmbh muller sohne');
    await t.patch(`/api/v2/persons/${p}`, { name: 'Oberg, Asa-Lena' });
    await t.patch(`/api/v2/organizations/${o}`, { name: 'Mueller AG' });
    expect(await keyOf(persons, p)).toBe('asalena oberg');
    expect(await keyOf(organizations, o)).toBe('ag mueller');
  });

  it('backfills rows stored without a key, in the caller company only', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const insert = async (t: typeof a, name: string) =>
      (
        await t.db
          .insert(persons)
          .values({ companyId: t.companyId, name, ownerId: t.userId })
          .returning({ id: persons.id })
      )[0]!.id;
    const p1 = await insert(a, 'Seán O’Brien');
    const p2 = await insert(a, '...');
    const p3 = await insert(b, 'Other Company');
    const [org] = await a.db
      .insert(organizations)
      .values({ companyId: a.companyId, name: 'Åkerlund & Rausing', ownerId: a.userId })
      .returning({ id: organizations.id });
    expect(await backfillNameKeys(a.ctx)).toEqual({ persons: 1, organizations: 1 });
    const key = async (id: number) =>
      (await a.db.select({ k: persons.nameKey }).from(persons).where(eq(persons.id, id)))[0]?.k;
    expect(await key(p1)).toBe('obrien sean');
    expect(await key(p2)).toBeNull();
    expect(await key(p3)).toBeNull();
    const [o] = await a.db
      .select({ k: organizations.nameKey })
      .from(organizations)
      .where(eq(organizations.id, org!.id));
    expect(o?.k).toBe('akerlund rausing');
    expect(await backfillNameKeys(a.ctx)).toEqual({ persons: 0, organizations: 0 });
  });
});
