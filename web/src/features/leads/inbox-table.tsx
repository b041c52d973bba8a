import { Box, Checkbox, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type MouseEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Field } from '../../api/fields.ts';
import { INBOX_PAGE_SIZE, type InboxFilters, type InboxLead, type InboxSort } from '../../api/leads.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { COLUMNS, type Column, customColumn, gridTemplate, minTableWidth } from './columns.tsx';
import classes from './inbox-table.module.css';
import { useInboxFirstPage, useInboxPages } from './use-inbox-rows.ts';

const ROW_HEIGHT = 44;

export interface InboxTableProps {
  filters: InboxFilters;
  onSort: (sort: InboxSort, direction: 'asc' | 'desc') => void;
  selected: Map<string, string>;
  onSelect: (leads: InboxLead[], checked: boolean) => void;
  empty: React.ReactNode;
  /** the custom fields shown as columns after the built-in ones */
  customFields?: Field[];
}

/** The effective sort: none asked for means next activity urgency (the server's default). */
const effectiveSort = (f: InboxFilters) => ({ by: f.sort_by ?? 'next_activity', dir: f.sort_direction });

function HeaderCell({
  column,
  filters,
  onSort,
}: { column: Column } & Pick<InboxTableProps, 'filters' | 'onSort'>) {
  const t = useT();
  const sort = effectiveSort(filters);
  const active = column.sort !== undefined && sort.by === column.sort;
  const ariaSort = active
    ? sort.dir === 'asc'
      ? 'ascending'
      : 'descending'
    : column.sort
      ? 'none'
      : undefined;
  const title = typeof column.header === 'string' ? t(column.header) : column.header.name;
  const Icon = active ? (sort.dir === 'asc' ? IconArrowUp : IconArrowDown) : IconSelector;
  return (
    <th aria-sort={ariaSort} className={classes.headerCell} data-align={column.align}>
      {column.sort ? (
        <UnstyledButton
          className={classes.sortButton}
          onClick={() => column.sort && onSort(column.sort, active && sort.dir === 'asc' ? 'desc' : 'asc')}
        >
          <span>{title}</span>
          <Icon size={14} aria-hidden opacity={active ? 1 : 0.4} />
        </UnstyledButton>
      ) : (
        <Text size="sm" fw={600} lh={1.2} truncate title={title}>
          {title}
        </Text>
      )}
    </th>
  );
}

/** The table fills the window below its top edge (its own scrollbars, the page does not scroll). */
function useFillHeight(ref: React.RefObject<HTMLDivElement | null>): number | undefined {
  const [height, setHeight] = useState<number>();
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(320, Math.floor(window.innerHeight - top - 16)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    if (el.parentElement) observer.observe(el.parentElement);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref]);
  return height;
}

export function InboxTable({
  filters,
  onSort,
  selected,
  onSelect,
  empty,
  customFields = [],
}: InboxTableProps) {
  const t = useT();
  const columns = useMemo(() => [...COLUMNS, ...customFields.map(customColumn)], [customFields]);
  const template = gridTemplate(columns);
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const height = useFillHeight(scrollRef);
  const first = useInboxFirstPage(filters);
  const count = first.data?.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const pages = useInboxPages(filters, items[0]?.index ?? 0, items.at(-1)?.index ?? -1);

  const rowAt = (index: number): InboxLead | undefined => {
    const page = Math.floor(index / INBOX_PAGE_SIZE);
    const rows = page === 0 ? first.data?.rows : pages.get(page);
    return rows?.[index % INBOX_PAGE_SIZE];
  };

  const loaded = [...(first.data?.rows ?? []), ...[...pages.values()].flat()];
  const allSelected = loaded.length > 0 && loaded.every((l) => selected.has(l.id));
  const someSelected = loaded.some((l) => selected.has(l.id));

  const open = (lead: InboxLead) => navigate(`/leads/${lead.id}`);
  const onRowClick = (e: MouseEvent, lead: InboxLead) => {
    if ((e.target as HTMLElement).closest('a, button, input, label')) return;
    open(lead);
  };
  const onRowKey = (e: KeyboardEvent, lead: InboxLead) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) open(lead);
  };

  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      data-fetching={first.isFetching || undefined}
      style={height ? { height } : undefined}
    >
      {first.isPending && <Loading label={t('leads.table.loading')} />}
      {first.isError && <ErrorState error={first.error} />}
      {first.isSuccess && (
        <table
          className={classes.table}
          aria-label={t('leads.table.label')}
          aria-rowcount={count + 1}
          aria-busy={first.isFetching}
          style={{ minWidth: minTableWidth(columns) }}
        >
          <thead className={classes.header}>
            <tr aria-rowindex={1} className={classes.row} style={{ gridTemplateColumns: template }}>
              <th className={classes.headerCell}>
                <Checkbox
                  size="xs"
                  aria-label={t('leads.table.selectAll')}
                  checked={allSelected}
                  indeterminate={!allSelected && someSelected}
                  disabled={loaded.length === 0}
                  onChange={(e) => onSelect(loaded, e.currentTarget.checked)}
                />
              </th>
              {columns.map((c) => (
                <HeaderCell key={c.key} column={c} filters={filters} onSort={onSort} />
              ))}
            </tr>
          </thead>
          {count > 0 && (
            <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const lead = rowAt(item.index);
                const style = {
                  gridTemplateColumns: template,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                };
                if (!lead) {
                  return (
                    <tr
                      key={item.key}
                      aria-rowindex={item.index + 2}
                      className={classes.bodyRow}
                      style={style}
                    >
                      <td className={classes.cell} style={{ gridColumn: '1 / -1' }}>
                        <Skeleton height={12} width="60%" />
                      </td>
                    </tr>
                  );
                }
                const isSelected = selected.has(lead.id);
                return (
                  <tr
                    key={item.key}
                    aria-rowindex={item.index + 2}
                    aria-selected={isSelected}
                    className={classes.bodyRow}
                    data-unseen={!lead.was_seen || undefined}
                    data-selected={isSelected || undefined}
                    style={style}
                    onClick={(e) => onRowClick(e, lead)}
                    onKeyDown={(e) => onRowKey(e, lead)}
                  >
                    <td className={classes.cell}>
                      <Checkbox
                        size="xs"
                        aria-label={t('leads.table.select', { title: lead.title })}
                        checked={isSelected}
                        onChange={(e) => onSelect([lead], e.currentTarget.checked)}
                      />
                    </td>
                    {columns.map((c) => (
                      <td key={c.key} className={classes.cell} data-align={c.align}>
                        {c.cell(lead)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          )}
        </table>
      )}
      {first.isSuccess && count === 0 && <Box className={classes.empty}>{empty}</Box>}
    </div>
  );
}
