import { ActionIcon, Button, Group, Menu, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import {
  IconArchive,
  IconDots,
  IconForms,
  IconInbox,
  IconMessageChatbot,
  IconRestore,
  IconSearch,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useLeadLabels, useLeadSources } from '../../api/lead-labels.ts';
import type { InboxFilters } from '../../api/leads.ts';
import { useUsers } from '../../api/users.ts';
import { ColumnPicker, type CustomColumns, CustomFieldFilter } from '../../components/custom-fields/index.ts';
import { useT } from '../../i18n/provider.tsx';

export interface InboxToolbarProps {
  filters: InboxFilters;
  update: (
    patch: Partial<Record<'q' | 'owner' | 'label' | 'source' | 'field' | 'value', string | null>>,
  ) => void;
  onAddLead?: () => void;
  /** the custom columns shown and their picker */
  columns: CustomColumns;
}

/** "+ Lead", search, the Owner, Label and Source filters, a custom field's filter and the columns. */
export function InboxToolbar({ filters, update, onAddLead, columns }: InboxToolbarProps) {
  const t = useT();
  const users = useUsers();
  const labels = useLeadLabels();
  const sources = useLeadSources();
  const [term, setTerm] = useState(filters.term);
  const pushTerm = useDebouncedCallback((v: string) => update({ q: v.trim() || null }), 300);
  useEffect(() => setTerm(filters.term), [filters.term]);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      {onAddLead && <Button onClick={onAddLead}>{t('leads.toolbar.add')}</Button>}
      <TextInput
        label={t('leads.toolbar.search')}
        placeholder={t('leads.toolbar.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={term}
        onChange={(e) => {
          setTerm(e.currentTarget.value);
          pushTerm(e.currentTarget.value);
        }}
        w={{ base: '100%', xs: 240 }}
      />
      <Select
        label={t('leads.field.owner')}
        placeholder={t('leads.toolbar.all')}
        clearable
        searchable
        data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
        value={filters.owner_id === null ? null : String(filters.owner_id)}
        onChange={(v) => update({ owner: v })}
        w={{ base: 'calc(33.3% - 8px)', xs: 170 }}
      />
      <Select
        label={t('leads.toolbar.label')}
        placeholder={t('leads.toolbar.all')}
        clearable
        data={(labels.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
        value={filters.label_id}
        onChange={(v) => update({ label: v })}
        w={{ base: 'calc(33.3% - 8px)', xs: 150 }}
      />
      <Select
        label={t('leads.field.source')}
        placeholder={t('leads.toolbar.all')}
        clearable
        data={(sources.data ?? []).map((s) => s.name)}
        value={filters.source_name}
        onChange={(v) => update({ source: v })}
        w={{ base: 'calc(33.3% - 8px)', xs: 170 }}
      />
      <CustomFieldFilter
        fields={columns.all}
        filter={{ code: filters.field_code, value: filters.field_value }}
        onChange={(f) => update({ field: f.code, value: f.value })}
      />
      <ColumnPicker columns={columns} />
    </Group>
  );
}

/** The "Archived" / "Leads Inbox" toggle and the "..." menu with "Restore data". */
export function ViewLinks({ archived }: { archived: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Group gap="xs" wrap="nowrap">
      {archived ? (
        <Button variant="default" component={Link} to="/leads" leftSection={<IconInbox size={16} />}>
          {t('leads.inbox.title')}
        </Button>
      ) : (
        <Button
          variant="default"
          component={Link}
          to="/leads/archived"
          leftSection={<IconArchive size={16} />}
        >
          {t('leads.toolbar.archived')}
        </Button>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={t('leads.moreActions')}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconRestore size={16} />} onClick={() => navigate('/leads/restore')}>
            {t('leads.toolbar.restoreData')}
          </Menu.Item>
          <Menu.Item leftSection={<IconForms size={16} />} onClick={() => navigate('/leads/web-forms')}>
            {t('webForms.link')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconMessageChatbot size={16} />}
            onClick={() => navigate('/leads/chatbot')}
          >
            {t('chatbots.link')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
