import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useDealProducts, useReorderDealProducts } from '../../../../api/deal-products.ts';
import type { Deal } from '../../../../api/deals.ts';
import { ErrorState, Loading } from '../../../../components/states.tsx';
import { useT } from '../../../../i18n/provider.tsx';
import { AddLineDialog } from './add-line-dialog.tsx';
import { DiscountsPart } from './discounts-part.tsx';
import { InstallmentsPart } from './installments-part.tsx';
import { LineRow } from './line-row.tsx';
import { RevenueSummary } from './revenue-summary.tsx';

/**
 * The deal's products: an editable table (inline amounts, drag or keyboard to reorder), add from the
 * catalogue, and the value and revenue metrics as the server computes them. On a phone the table
 * scrolls sideways.
 */
export function DealProductsSection({ deal, readOnly }: { deal: Deal; readOnly: boolean }) {
  const t = useT();
  const lines = useDealProducts(deal.id);
  const reorder = useReorderDealProducts(deal.id);
  const [adding, setAdding] = useState(false);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const rows = lines.data ?? [];

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = rows.findIndex((l) => l.id === active.id);
    const to = rows.findIndex((l) => l.id === over.id);
    if (from < 0 || to < 0) return;
    reorder.mutate(arrayMove(rows, from, to), {
      onError: (e) =>
        notifications.show({ color: 'red', title: t('products.deal.orderFailed'), message: e.message }),
    });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="deal-products-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="deal-products-title">
            {t('products.deal.title')}
          </Title>
          {!readOnly && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => setAdding(true)}
            >
              {t('products.deal.add')}
            </Button>
          )}
        </Group>
        {lines.isPending && <Loading label={t('products.deal.loading')} />}
        {lines.isError && <ErrorState error={lines.error} />}
        {lines.isSuccess && rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('products.deal.none')}
          </Text>
        )}
        {rows.length > 0 && (
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            onDragEnd={onDragEnd}
            accessibility={{ screenReaderInstructions: { draggable: t('products.deal.dragHelp') } }}
          >
            <Table.ScrollContainer minWidth={1180}>
              <Table verticalSpacing={4} horizontalSpacing={6} aria-labelledby="deal-products-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>
                      <VisuallyHidden>{t('products.deal.order')}</VisuallyHidden>
                    </Table.Th>
                    <Table.Th>{t('products.deal.product')}</Table.Th>
                    <Table.Th>{t('products.deal.price')}</Table.Th>
                    <Table.Th>{t('products.deal.quantity')}</Table.Th>
                    <Table.Th>{t('products.deal.discount')}</Table.Th>
                    <Table.Th>{t('products.deal.tax')}</Table.Th>
                    <Table.Th>{t('products.deal.billing')}</Table.Th>
                    <Table.Th>{t('products.deal.enabled')}</Table.Th>
                    <Table.Th ta="right">{t('products.deal.sum')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('products.deal.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <SortableContext items={rows.map((l) => l.id)} strategy={verticalListSortingStrategy}>
                  <Table.Tbody>
                    {rows.map((l) => (
                      <LineRow key={l.id} dealId={deal.id} line={l} readOnly={readOnly} />
                    ))}
                  </Table.Tbody>
                </SortableContext>
              </Table>
            </Table.ScrollContainer>
          </DndContext>
        )}
        {rows.length > 0 && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <DiscountsPart dealId={deal.id} currency={deal.currency} readOnly={readOnly} />
            <InstallmentsPart dealId={deal.id} currency={deal.currency} lines={rows} readOnly={readOnly} />
          </SimpleGrid>
        )}
        <RevenueSummary dealId={deal.id} />
      </Stack>
      {adding && <AddLineDialog deal={deal} onClose={() => setAdding(false)} />}
    </Paper>
  );
}
