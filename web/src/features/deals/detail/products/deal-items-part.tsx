import { ActionIcon, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ErrorState } from '../../../../components/states.tsx';
import { useT } from '../../../../i18n/provider.tsx';

/** The catalogue area of the part: `<area>.title`, `.add`, `.none`, `.edit`, `.remove`, `.removeFailed`. */
type Area = 'products.discounts' | 'products.installments';

/**
 * A list of a deal's own items below its product lines (discounts, installments): a titled section with
 * "Add" while `canAdd`, a row per item (its description, the part's own cells, edit and remove), an empty
 * text, and the part's dialog for a new or chosen item. Each row carries `data-<kind>="<description>"`.
 */
export function DealItemsPart<T extends { id: string | number; description: string }>({
  dealId,
  area,
  kind,
  readOnly,
  items,
  remove,
  cells,
  dialog,
  canAdd = true,
  empty,
}: {
  dealId: number;
  area: Area;
  kind: 'discount' | 'installment';
  readOnly: boolean;
  items: UseQueryResult<T[]>;
  remove: UseMutationResult<unknown, Error, T['id']>;
  /** the cells after the description */
  cells: (item: T) => ReactNode;
  dialog: (item: T | null, close: () => void) => ReactNode;
  canAdd?: boolean;
  /** the text when there is none (default `<area>.none`) */
  empty?: string;
}) {
  const t = useT();
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const rows = items.data ?? [];
  const titleId = `deal-${dealId}-${kind}s`;

  return (
    <Stack gap={4} component="section" aria-labelledby={titleId}>
      <Group justify="space-between">
        <Title order={3} size="h5" id={titleId}>
          {t(`${area}.title`)}
        </Title>
        {!readOnly && canAdd && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing('new')}
          >
            {t(`${area}.add`)}
          </Button>
        )}
      </Group>
      {items.isError && <ErrorState error={items.error} />}
      {items.isSuccess && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty ?? t(`${area}.none`)}
        </Text>
      )}
      {rows.length > 0 && (
        <Table verticalSpacing={2} aria-labelledby={titleId}>
          <Table.Tbody>
            {rows.map((item) => (
              <Table.Tr key={item.id} {...{ [`data-${kind}`]: item.description }}>
                <Table.Td>{item.description}</Table.Td>
                {cells(item)}
                <Table.Td w={72}>
                  {!readOnly && (
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t(`${area}.edit`, { name: item.description })}
                        onClick={() => setEditing(item)}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t(`${area}.remove`, { name: item.description })}
                        loading={remove.isPending && remove.variables === item.id}
                        onClick={() =>
                          remove.mutate(item.id, {
                            onError: (e) =>
                              notifications.show({
                                color: 'red',
                                title: t(`${area}.removeFailed`),
                                message: e.message,
                              }),
                          })
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && dialog(editing === 'new' ? null : editing, () => setEditing(null))}
    </Stack>
  );
}
