import { Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  type Activity,
  type LinkTarget,
  useActivities,
  useActivityMutations,
  useActivityTypes,
} from '../../api/activities.ts';
import { useT } from '../../i18n/provider.tsx';
import { Empty, ErrorState, Loading } from '../states.tsx';
import { ActivityForm } from './activity-form.tsx';
import { ActivityItem } from './activity-item.tsx';

export interface ActivitiesPanelProps {
  /** what the activities belong to: `{ lead_id }`, `{ deal_id }`, `{ person_id }` or `{ org_id }` */
  target: LinkTarget;
  /** no form, no changes */
  readOnly?: boolean;
  /** called after an activity was added, marked done/undone or deleted (the next activity may change) */
  onChanged?: () => void;
  /** heading; `null` for none */
  title?: string | null;
}

const fail = (title: string) => (e: unknown) => {
  notifications.show({ color: 'red', title, message: e instanceof Error ? e.message : String(e) });
  throw e;
};

/** Activities of a lead, deal, person or organization: undone by due date, then done; add, done, delete. */
export function ActivitiesPanel({ target, readOnly, onChanged, title: titleProp }: ActivitiesPanelProps) {
  const t = useT();
  const title = titleProp === undefined ? t('activities.title') : titleProp;
  const list = useActivities(target);
  const types = useActivityTypes();
  const { add, setDone, remove } = useActivityMutations(target, onChanged);
  const typeName = (key: string) => types.data?.find((ty) => ty.key_string === key)?.name ?? key;

  const item = (a: Activity) => (
    <ActivityItem
      key={a.id}
      activity={a}
      typeName={typeName(a.type)}
      readOnly={readOnly}
      onToggle={(done) =>
        setDone
          .mutateAsync({ id: a.id, done })
          .then(
            () =>
              notifications.show({
                color: 'teal',
                message: done ? t('activities.markedDone') : t('activities.reopened'),
              }),
            fail(t('activities.updateFailed')),
          )
          .catch(() => undefined)
      }
      onDelete={() =>
        remove
          .mutateAsync(a.id)
          .then(
            () => notifications.show({ color: 'teal', message: t('activities.deleted') }),
            fail(t('activities.deleteFailed')),
          )
      }
    />
  );

  return (
    <Stack gap="sm" component="section" aria-label={title ?? t('activities.title')}>
      {title && <Title order={4}>{title}</Title>}
      {!readOnly && (
        <ActivityForm
          onSubmit={(a) =>
            add
              .mutateAsync(a)
              .then(
                () => notifications.show({ color: 'teal', message: t('activities.added') }),
                fail(t('activities.addFailed')),
              )
          }
        />
      )}
      {list.isPending ? (
        <Loading label={t('activities.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} />
      ) : list.data.open.length + list.data.done.length === 0 ? (
        <Empty>{t('activities.empty')}</Empty>
      ) : (
        <>
          {list.data.open.length > 0 && (
            <Stack gap={6} component="ul" p={0} m={0} aria-label={t('activities.planned')}>
              {list.data.open.map(item)}
            </Stack>
          )}
          {list.data.done.length > 0 && (
            <>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('activities.doneHeading')}
              </Text>
              <Stack gap={6} component="ul" p={0} m={0} aria-label={t('activities.doneList')}>
                {list.data.done.map(item)}
              </Stack>
            </>
          )}
          {list.data.more && (
            <Text size="xs" c="dimmed">
              {t('activities.more', { planned: 100, done: 100 })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
