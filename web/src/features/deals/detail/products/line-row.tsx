import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  ActionIcon,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGripVertical, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import {
  type DealProduct,
  type DealProductPatch,
  useDeleteDealProduct,
  useUpdateDealProduct,
} from '../../../../api/deal-products.ts';
import { BILLING_FREQUENCIES } from '../../../../api/products.ts';
import { formatMoney, numberInputSeparators } from '../../../../i18n/format.ts';
import type { MessageId } from '../../../../i18n/messages/en.ts';
import { useT } from '../../../../i18n/provider.tsx';
import { FREQUENCY_LABEL } from '../../../products/billing.ts';

const TAX_METHOD_LABEL: Record<DealProduct['tax_method'], MessageId> = {
  exclusive: 'products.taxMethod.exclusive',
  inclusive: 'products.taxMethod.inclusive',
  none: 'products.taxMethod.none',
};

/** A number edited in place: saved when it leaves the field (or on Enter) if it changed. */
function NumberCell({
  label,
  value,
  onSave,
  disabled,
  min = 0,
  max,
  suffix,
  allowEmpty,
  w = 96,
}: {
  label: string;
  value: number | null;
  onSave: (v: number | null) => void;
  disabled: boolean;
  min?: number;
  max?: number;
  suffix?: string;
  allowEmpty?: boolean;
  w?: number;
}) {
  const [draft, setDraft] = useState<string | number>(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const commit = () => {
    const next = draft === '' ? null : Number(draft);
    if (next === null && !allowEmpty) return setDraft(value ?? '');
    if (next !== null && !Number.isFinite(next)) return setDraft(value ?? '');
    if (next !== value) onSave(next);
  };
  return (
    <NumberInput
      size="xs"
      w={w}
      aria-label={label}
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      disabled={disabled}
      min={min}
      max={max}
      suffix={suffix}
      hideControls
      decimalScale={suffix ? 2 : 4}
      {...numberInputSeparators()}
    />
  );
}

/** One product line of the deal: every amount edited in place; each change is saved at once. */
export function LineRow({
  dealId,
  line,
  readOnly,
}: {
  dealId: number;
  line: DealProduct;
  readOnly: boolean;
}) {
  const t = useT();
  const update = useUpdateDealProduct(dealId);
  const remove = useDeleteDealProduct(dealId);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: line.id, disabled: readOnly });
  const name = line.name;
  const save = (patch: DealProductPatch) =>
    update.mutate(
      { id: line.id, patch },
      {
        onError: (e) =>
          notifications.show({ color: 'red', title: t('products.deal.saveFailed'), message: e.message }),
      },
    );
  const recurring = line.billing_frequency !== 'one-time';

  return (
    <Table.Tr
      ref={setNodeRef}
      data-line={line.id}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        position: 'relative',
        zIndex: isDragging ? 1 : undefined,
        background: isDragging ? 'var(--mantine-color-body)' : undefined,
      }}
    >
      <Table.Td>
        {!readOnly && (
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={t('products.deal.move', { name })}
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...attributes}
            {...listeners}
          >
            <IconGripVertical size={18} />
          </ActionIcon>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} maw={180}>
          {name}
        </Text>
      </Table.Td>
      <Table.Td>
        <NumberCell
          label={t('products.deal.priceOf', { name })}
          value={line.item_price}
          disabled={readOnly}
          onSave={(v) => save({ item_price: v ?? 0 })}
          min={-1e15}
          w={110}
        />
      </Table.Td>
      <Table.Td>
        <NumberCell
          label={t('products.deal.quantityOf', { name })}
          value={line.quantity}
          disabled={readOnly}
          onSave={(v) => save({ quantity: v ?? 0 })}
          w={80}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <NumberCell
            label={t('products.deal.discountOf', { name })}
            value={line.discount}
            disabled={readOnly}
            onSave={(v) => save({ discount: v ?? 0 })}
            w={80}
          />
          <NativeSelect
            size="xs"
            aria-label={t('products.deal.discountTypeOf', { name })}
            value={line.discount_type}
            disabled={readOnly}
            onChange={(e) => save({ discount_type: e.currentTarget.value as DealProduct['discount_type'] })}
            data={[
              { value: 'percentage', label: '%' },
              { value: 'amount', label: line.currency },
            ]}
          />
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <NumberCell
            label={t('products.deal.taxOf', { name })}
            value={line.tax}
            disabled={readOnly}
            onSave={(v) => save({ tax: v ?? 0 })}
            max={100}
            suffix="%"
            w={70}
          />
          <NativeSelect
            size="xs"
            aria-label={t('products.deal.taxMethodOf', { name })}
            value={line.tax_method}
            disabled={readOnly}
            onChange={(e) => save({ tax_method: e.currentTarget.value as DealProduct['tax_method'] })}
            data={(['exclusive', 'inclusive', 'none'] as const).map((m) => ({
              value: m,
              label: t(TAX_METHOD_LABEL[m]),
            }))}
          />
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <NativeSelect
            size="xs"
            aria-label={t('products.deal.frequencyOf', { name })}
            value={line.billing_frequency}
            disabled={readOnly}
            onChange={(e) =>
              save({ billing_frequency: e.currentTarget.value as DealProduct['billing_frequency'] })
            }
            data={BILLING_FREQUENCIES.map((f) => ({ value: f, label: t(FREQUENCY_LABEL[f]) }))}
          />
          {recurring && (
            <>
              <NumberCell
                label={t('products.deal.cyclesOf', { name })}
                value={line.billing_frequency_cycles}
                disabled={readOnly}
                onSave={(v) => save({ billing_frequency_cycles: v })}
                allowEmpty
                min={1}
                max={208}
                w={64}
              />
              <TextInput
                size="xs"
                type="date"
                w={130}
                aria-label={t('products.deal.startOf', { name })}
                value={line.billing_start_date ?? ''}
                disabled={readOnly}
                onChange={(e) => save({ billing_start_date: e.currentTarget.value || null })}
              />
            </>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={t('products.deal.enabledOf', { name })}
          checked={line.is_enabled}
          disabled={readOnly}
          onChange={(e) => save({ is_enabled: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" data-sum>
          {formatMoney(line.sum, line.currency)}
        </Text>
      </Table.Td>
      <Table.Td>
        {!readOnly && (
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('products.deal.remove', { name })}
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(line.id, {
                onError: (e) =>
                  notifications.show({
                    color: 'red',
                    title: t('products.deal.removeFailed'),
                    message: e.message,
                  }),
              })
            }
          >
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
