import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { addNote, deleteNote } from '../../src/modules/notes/notes.ts';
import type { NoteRow } from '../../src/modules/notes/present.ts';
import { AddNoteBody } from '../../src/modules/notes/schema.ts';
import { notes } from '../../src/modules/notes/tables.ts';
import type { Maker } from './tenant.ts';

/** The body of POST /api/v1/notes; `deleted` deletes the note afterwards. */
export type NoteOverrides = Partial<z.input<typeof AddNoteBody>> & { deleted?: boolean };

/** A note written by `addNote` (content sanitised, mentions kept). */
export async function makeNote(t: Maker, o: NoteOverrides = {}): Promise<NoteRow> {
  const { deleted, ...body } = o;
  const row = await addNote(t.ctx, AddNoteBody.parse({ content: 'A note', ...body }));
  if (!deleted) return row;
  await deleteNote(t.ctx, row.id);
  return (await noteRows(t, [row.id]))[0]!;
}

/** These notes' rows as stored, by id. */
export async function noteRows(t: Maker, ids: number[]): Promise<NoteRow[]> {
  const rows = await t.db.select().from(notes).where(eq(notes.companyId, t.ctx.companyId));
  return rows.filter((r) => ids.includes(r.id)).sort((a, b) => a.id - b.id);
}
