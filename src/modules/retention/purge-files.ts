import { and, asc, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import type { FileStorage } from '../files/storage.ts';
import { files } from '../files/tables.ts';
import { scoped } from '../scope.ts';
import { DELETED_RETENTION_DAYS } from './purge-deleted.ts';

const BATCH = 200;

/**
 * The scheduled end of deleted files (job purge_deleted): files deleted more than
 * DELETED_RETENTION_DAYS ago lose their bytes in the storage, then their rows. The bytes go first: a
 * run cut short between the two leaves rows whose bytes are gone, which the next run deletes again (a
 * missing key is no error to the storage), never bytes that no row names. A file restored meanwhile
 * is not deleted (the rows' delete asks again that they are deleted). Answers the files and bytes freed.
 */
export async function purgeDeletedFiles(
  ctx: Ctx,
  storage: FileStorage,
  olderThanDays = DELETED_RETENTION_DAYS,
): Promise<{ files: number; bytes: number }> {
  const cutoff = new Date(Date.now() - olderThanDays * 86_400_000);
  const freed = { files: 0, bytes: 0 };
  for (;;) {
    const rows = await ctx.db
      .select({ id: files.id, key: files.storageKey, size: files.fileSize })
      .from(files)
      .where(
        and(
          scoped(ctx, files, { deleted: 'only' }),
          isNotNull(files.deleteTime),
          lt(files.deleteTime, cutoff),
        ),
      )
      .orderBy(asc(files.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const r of rows) if (r.key) await storage.delete(r.key);
    const gone = await ctx.db
      .delete(files)
      .where(
        and(
          scoped(ctx, files, { deleted: 'only' }),
          inArray(
            files.id,
            rows.map((r) => r.id),
          ),
        ),
      )
      .returning({ id: files.id, size: files.fileSize });
    freed.files += gone.length;
    freed.bytes += gone.reduce((sum, r) => sum + r.size, 0);
    if (rows.length < BATCH) break;
  }
  return freed;
}
