import { Group, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { InboxLead } from '../../api/leads.ts';
import { useCustomColumns } from '../../components/custom-fields/index.ts';
import { Empty } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { AddLeadDialog } from './add-lead-dialog.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { BulkConvertDialog } from './bulk-convert-dialog.tsx';
import { InboxTable } from './inbox-table.tsx';
import { InboxToolbar, ViewLinks } from './inbox-toolbar.tsx';
import { hasActiveFilters, useInboxFilters } from './use-inbox-filters.ts';

/** The Leads Inbox (/leads) and the archived leads (/leads/archived). */
export function InboxPage({ archived = false }: { archived?: boolean }) {
  const t = useT();
  const columns = useCustomColumns('lead', 'leads');
  const shownCodes = useMemo(() => columns.shown.map((f) => f.field_code), [columns.shown]);
  const { filters, update } = useInboxFilters(archived, shownCodes);
  const [selected, setSelected] = useState(new Map<string, string>());
  const [adding, add] = useDisclosure(false);
  const [converting, convert] = useDisclosure(false);

  // a new view or new filters: a selection of rows no longer shown would act on hidden leads
  const filterKey = JSON.stringify([
    archived,
    filters.term,
    filters.owner_id,
    filters.label_id,
    filters.source_name,
    filters.field_code,
    filters.field_value,
  ]);
  useEffect(() => {
    void filterKey;
    setSelected(new Map());
  }, [filterKey]);

  const onSelect = useCallback((leads: InboxLead[], checked: boolean) => {
    setSelected((prev) => {
      const next = new Map(prev);
      for (const l of leads) {
        if (checked) next.set(l.id, l.title);
        else next.delete(l.id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Map()), []);

  const filtered = hasActiveFilters(filters);
  const empty = (
    <Empty>
      {t(filtered ? 'leads.empty.filtered' : archived ? 'leads.empty.archived' : 'leads.empty.none')}
    </Empty>
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{t(archived ? 'leads.archived.title' : 'leads.inbox.title')}</Title>
        <ViewLinks archived={archived} />
      </Group>
      <InboxToolbar
        filters={filters}
        update={update}
        onAddLead={archived ? undefined : add.open}
        columns={columns}
      />
      {selected.size > 0 && (
        <BulkBar archived={archived} selected={selected} onClear={clear} onConvert={convert.open} />
      )}
      <InboxTable
        filters={filters}
        onSort={(sort, dir) => update({ sort, dir })}
        selected={selected}
        onSelect={onSelect}
        empty={empty}
        customFields={columns.shown}
      />
      {adding && <AddLeadDialog opened={adding} onClose={add.close} />}
      {converting && (
        <BulkConvertDialog opened={converting} onClose={convert.close} leads={selected} onConverted={clear} />
      )}
    </Stack>
  );
}
