import { Button, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  type LinkTarget,
  type Note,
  pinFlagOf,
  useNoteMutations,
  useNotes,
  usePinnedNotes,
} from '../../api/notes.ts';
import { useT } from '../../i18n/provider.tsx';
import { Empty, ErrorState, Loading } from '../states.tsx';
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
export function NotesPanel({ target, readOnly, onChanged, title: titleProp }: NotesPanelProps) {
  const t = useT();
  const title = titleProp === undefined ? t('notes.title') : titleProp;
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
    <Stack gap="sm" component="section" aria-label={title ?? t('notes.title')}>
      {title && <Title order={4}>{title}</Title>}
      {!readOnly && (
        <NoteEditor
          submitLabel={t('notes.add')}
          clearOnSubmit
          onSubmit={(html) =>
            add.mutateAsync(html).then(
              () => done(t('notes.added')),
              (e) => {
                fail(t('notes.addFailed'))(e);
                throw e;
              },
            )
          }
        />
      )}
      {notes.isPending || pinned.isPending ? (
        <Loading label={t('notes.loading')} />
      ) : notes.isError || pinned.isError ? (
        <ErrorState error={notes.error ?? pinned.error} />
      ) : sorted.length === 0 ? (
        <Empty>{t('notes.empty')}</Empty>
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
                  () => done(t('notes.updated')),
                  (e) => {
                    fail(t('notes.saveFailed'))(e);
                    throw e;
                  },
                )
              }
              onPin={(id, pinned) =>
                update
                  .mutateAsync({ id, [pinFlag]: pinned })
                  .then(
                    () => done(pinned ? t('notes.pinnedDone') : t('notes.unpinnedDone')),
                    fail(t('notes.pinFailed')),
                  )
              }
              onDelete={(id) =>
                remove.mutateAsync(id).then(
                  () => done(t('notes.deleted')),
                  (e) => {
                    fail(t('notes.deleteFailed'))(e);
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
              {t('notes.more')}
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
