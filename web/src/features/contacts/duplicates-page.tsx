import {
  Anchor,
  Button,
  Center,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  type DuplicateKind,
  type DuplicatePair,
  type DuplicatePairItem,
  useDismissPair,
  useDuplicatePairs,
} from '../../api/duplicates.ts';
import { type Organization, useOrganization } from '../../api/organizations.ts';
import { type Person, usePerson } from '../../api/persons.ts';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { DuplicateWhy } from './duplicate-reasons.tsx';
import { MergeDialog } from './merge-dialog.tsx';

/**
 * Contacts → Duplicates: the merge tool's list of duplicate pairs across the company (GET
 * /api/ext/duplicates/pairs), strongest first per page, each with its band and reasons, "Merge"
 * (the merge dialog with the pair picked: the newer record goes into the older one) and "Not a
 * duplicate".
 */
export function DuplicatesPage() {
  const t = useT();
  const [kind, setKind] = useState<DuplicateKind>('person');
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed" maw={640}>
          {t('contacts.dups.intro')}
        </Text>
        <SegmentedControl
          aria-label={t('contacts.dups.kind')}
          value={kind}
          onChange={(v) => setKind(v as DuplicateKind)}
          data={[
            { value: 'person', label: t('contacts.people') },
            { value: 'organization', label: t('contacts.organizations') },
          ]}
        />
      </Group>
      <PairList key={kind} kind={kind} />
    </Stack>
  );
}

function PairList({ kind }: { kind: DuplicateKind }) {
  const t = useT();
  const list = useDuplicatePairs(kind);
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const pages = list.data?.pages ?? [];
  const pairs = pages.flatMap((p) => p.pairs);
  const lastEmpty = pages.length > 0 && pages[pages.length - 1]?.pairs.length === 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  // a page that found nothing while the server has more to look at: go on looking
  useEffect(() => {
    if (lastEmpty && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [lastEmpty, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (list.isPending) return <Loading label={t('contacts.dups.loading')} />;
  if (list.isError) return <ErrorState error={list.error} />;
  const searching = lastEmpty && hasNextPage;
  return (
    <Stack gap="sm">
      {pairs.length === 0 && !searching && <Empty>{t('contacts.dups.none')}</Empty>}
      {pairs.map((p) => (
        <PairCard
          key={`${p.items[0].id}:${p.items[1].id}`}
          kind={kind}
          pair={p}
          onMerge={() => setMerging(p)}
        />
      ))}
      {searching && <Loading label={t('contacts.dups.loading')} />}
      {hasNextPage && !searching && (
        <Center>
          <Button variant="default" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {t('contacts.loadMore')}
          </Button>
        </Center>
      )}
      {merging && <PairMerge kind={kind} pair={merging} onClose={() => setMerging(null)} />}
    </Stack>
  );
}

function PairCard({
  kind,
  pair,
  onMerge,
}: {
  kind: DuplicateKind;
  pair: DuplicatePair;
  onMerge: () => void;
}) {
  const t = useT();
  const dismiss = useDismissPair(kind);
  const [a, b] = pair.items;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={t('contacts.dups.pair', { a: a.name, b: b.name })}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Side kind={kind} item={a} />
          <Side kind={kind} item={b} />
        </SimpleGrid>
        <DuplicateWhy candidate={pair} />
        {dismiss.isError && (
          <Text size="sm" c="red" role="alert">
            {dismiss.error.message}
          </Text>
        )}
        <Group gap="sm" justify="flex-end">
          <Button variant="default" loading={dismiss.isPending} onClick={() => dismiss.mutate([a.id, b.id])}>
            {t('contacts.dups.notDuplicate')}
          </Button>
          <Button color="red" variant="light" onClick={onMerge}>
            {t('contacts.merge')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Side({ kind, item }: { kind: DuplicateKind; item: DuplicatePairItem }) {
  const t = useT();
  const base = kind === 'person' ? '/contacts/people' : '/contacts/organizations';
  const lines =
    kind === 'person'
      ? [...item.emails.slice(0, 2), ...item.phones.slice(0, 2), item.organization_name ?? '']
      : [item.address ?? ''];
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Anchor component={Link} to={`${base}/${item.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
        {item.name}
      </Anchor>
      {lines
        .filter((l) => l !== '')
        .map((l) => (
          <Text key={l} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {l}
          </Text>
        ))}
      <Text size="xs" c="dimmed">
        {[
          item.owner_name ? t('contacts.dups.owner', { name: item.owner_name }) : '',
          t('contacts.dups.openDeals', { count: item.open_deals_count }),
          t('contacts.dups.openLeads', { count: item.open_leads_count }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Stack>
  );
}

/**
 * The merge dialog for a pair: the newer record (higher id) is merged into the older one, picked already.
 * The merged record is read once and kept: asked again after the merge, it would be a 404.
 */
function PairMerge({
  kind,
  pair,
  onClose,
}: {
  kind: DuplicateKind;
  pair: DuplicatePair;
  onClose: () => void;
}) {
  const [kept, merged] = pair.items;
  const [person, setPerson] = useState<Person | null>(null);
  const [organization, setOrganization] = useState<Organization | null>(null);
  const personQuery = usePerson(kind === 'person' && !person ? merged.id : null);
  const organizationQuery = useOrganization(kind === 'organization' && !organization ? merged.id : null);
  useEffect(() => {
    if (personQuery.data) setPerson(personQuery.data);
  }, [personQuery.data]);
  useEffect(() => {
    if (organizationQuery.data) setOrganization(organizationQuery.data);
  }, [organizationQuery.data]);
  const t = useT();
  const failed = personQuery.error ?? organizationQuery.error;
  if (failed) return <ErrorState error={failed} />;
  const initialWith = { id: kept.id, name: kept.name };
  if (person)
    return (
      <MergeDialog
        kind="person"
        record={person}
        opened
        onClose={onClose}
        initialWith={initialWith}
        onMerged={onClose}
      />
    );
  if (organization)
    return (
      <MergeDialog
        kind="organization"
        record={organization}
        opened
        onClose={onClose}
        initialWith={initialWith}
        onMerged={onClose}
      />
    );
  return <Loading label={t('contacts.merge.loadingPreview')} />;
}
