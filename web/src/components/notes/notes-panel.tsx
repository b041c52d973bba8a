import { Button, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Empty, ErrorState, Loading } from '../states.tsx';
import { type LinkTarget, type Note, pinFlagOf, useNoteMutations, useNotes, usePinnedNotes } from './api.ts';
import { NoteEditor } from './note-editor.tsx';
import { NoteItem } from './note-item.tsx';

export interface NotesPanelProps {
  /** what the notes belong to: `{ lead_id }`, `{ deal_id }`, `{ person_id }` or `{ org_id }` */
  target: LinkTarget;
  /** no editor, no actions (an archived lead, say) */
  readOnly?: boolean;
  /** called after a note was added, changed or deleted */
  onChanged?: () => void;
  /** heading; `null` for none */
  title?: string | null;
}

const fail = (title: string) => (e: unknown) =>
  notifications.show({ color: 'red', title, message: e instanceof Error ? e.message : String(e) });

/** Notes of a lead, deal, person or organization: pinned first, newest first; add, pin, edit, delete. */
export function NotesPanel({ target, readOnly, onChanged, title = 'Notes' }: NotesPanelProps) {
  const notes = useNotes(target);
  const { add, update, remove } = useNoteMutations(target);
  const pinFlag = pinFlagOf(target);

  const pinned = usePinnedNotes(target);
  // pinned first, then the others, newest first (as the API sorts them)
  const sorted: Note[] = [
    ...(pinned.data ?? []),
    ...(notes.data?.pages.flatMap((p) => p.notes) ?? []).filter((n) => !n[pinFlag]),
  ];

  const done = (message: string) => {
    notifications.show({ color: 'teal', message });
    onChanged?.();
  };

  return (
    <Stack gap="sm" component="section" aria-label={title ?? 'Notes'}>
      {title && <Title order={4}>{title}</Title>}
      {!readOnly && (
        <NoteEditor
          submitLabel="Add note"
          clearOnSubmit
          onSubmit={(html) =>
            add.mutateAsync(html).then(
              () => done('Note added'),
              (e) => {
                fail('Could not add the note')(e);
                throw e;
              },
            )
          }
        />
      )}
      {notes.isPending || pinned.isPending ? (
        <Loading label="Loading notes" />
      ) : notes.isError || pinned.isError ? (
        <ErrorState error={notes.error ?? pinned.error} />
      ) : sorted.length === 0 ? (
        <Empty>No notes yet.</Empty>
      ) : (
        <Stack gap="xs">
          {sorted.map((n) => (
            <NoteItem
              key={n.id}
              note={n}
              pinFlag={pinFlag}
              readOnly={readOnly}
              onSave={(id, content) =>
                update.mutateAsync({ id, content }).then(
                  () => done('Note updated'),
                  (e) => {
                    fail('Could not save the note')(e);
                    throw e;
                  },
                )
              }
              onPin={(id, pinned) =>
                update
                  .mutateAsync({ id, [pinFlag]: pinned })
                  .then(() => done(pinned ? 'Note pinned' : 'Note unpinned'), fail('Could not pin the note'))
              }
              onDelete={(id) =>
                remove.mutateAsync(id).then(
                  () => done('Note deleted'),
                  (e) => {
                    fail('Could not delete the note')(e);
                    throw e;
                  },
                )
              }
            />
          ))}
          {notes.hasNextPage && (
            <Button
              variant="subtle"
              onClick={() => void notes.fetchNextPage()}
              loading={notes.isFetchingNextPage}
            >
              Show more notes
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
