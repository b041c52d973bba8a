import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDeal, makeFile } from '../../../test/factories/index.ts';
import { newTenant } from '../../../test/helpers/app.ts';
import { fixtureDb } from '../../../test/helpers/db.ts';
import { deleteFile } from '../files/files.ts';
import { type FileStorage, localDiskStorage } from '../files/storage.ts';
import { files } from '../files/tables.ts';
import { purgeDeletedFiles } from './purge-files.ts';

let dir: string;
let storage: FileStorage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pw-purge-files-'));
  storage = localDiskStorage(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;
const exists = (key: string) =>
  storage.get(key).then(
    (s) => {
      s.destroy();
      return true;
    },
    () => false,
  );

describe('purge of deleted files (job purge_deleted)', () => {
  it("frees the bytes and rows of files deleted over 30 days ago, and nothing else's", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const deal = String((await makeDeal(t)).id);
    const old = await makeFile(t, storage, { links: { deal_id: deal }, bytes: Buffer.from('old bytes') });
    const recent = await makeFile(t, storage, { links: { deal_id: deal } });
    const live = await makeFile(t, storage, { links: { deal_id: deal } });
    const theirs = await makeFile(other, storage, { links: { deal_id: String((await makeDeal(other)).id) } });
    for (const [who, f] of [
      [t, old],
      [t, recent],
      [other, theirs],
    ] as const)
      await deleteFile(who.ctx, f.id);
    const db = await fixtureDb();
    await db
      .update(files)
      .set({ deleteTime: new Date(Date.now() - 31 * DAY) })
      .where(inArray(files.id, [old.id, theirs.id]));

    expect(await purgeDeletedFiles(t.ctx, storage)).toEqual({ files: 1, bytes: 9 });

    const left = await db
      .select({ id: files.id })
      .from(files)
      .where(inArray(files.id, [old.id, recent.id, live.id, theirs.id]));
    expect(left.map((r) => r.id).sort()).toEqual([recent.id, live.id, theirs.id].sort());
    expect(await exists(old.storageKey as string)).toBe(false);
    for (const f of [recent, live, theirs]) expect(await exists(f.storageKey as string)).toBe(true);
    // a second run finds nothing more; the other company's own run frees its file
    expect(await purgeDeletedFiles(t.ctx, storage)).toEqual({ files: 0, bytes: 0 });
    expect((await purgeDeletedFiles(other.ctx, storage)).files).toBe(1);
    expect(await db.select().from(files).where(eq(files.id, theirs.id))).toEqual([]);
  });

  it('deletes the row of a file whose bytes are already gone (a run cut short)', async () => {
    const t = await newTenant();
    const f = await makeFile(t, storage, { links: { deal_id: String((await makeDeal(t)).id) } });
    await deleteFile(t.ctx, f.id);
    await storage.delete(f.storageKey as string);
    const db = await fixtureDb();
    await db
      .update(files)
      .set({ deleteTime: new Date(Date.now() - 40 * DAY) })
      .where(eq(files.id, f.id));
    expect((await purgeDeletedFiles(t.ctx, storage)).files).toBe(1);
  });
});
