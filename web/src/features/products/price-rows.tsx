import { ActionIcon, Button, Group, NativeSelect, NumberInput, Stack } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useSession } from '../../api/session.tsx';
import { currencyOptions } from '../../components/currencies.ts';
import { numberInputSeparators } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';

export interface PriceRow {
  currency: string;
  price: string | number;
}

/** Price rows, one per currency: a currency select and an amount, added and removed in place. */
export function PriceRows({
  rows,
  onChange,
  label,
}: {
  rows: PriceRow[];
  onChange: (rows: PriceRow[]) => void;
  /** the thing priced, for the inputs' labels */
  label: string;
}) {
  const t = useT();
  const { company } = useSession();
  const set = (i: number, row: Partial<PriceRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const free = currencyOptions(company.default_currency).filter((c) => !rows.some((r) => r.currency === c));
  return (
    <Stack gap={6}>
      {rows.map((r, i) => (
        <Group key={r.currency} gap="xs" wrap="nowrap" align="flex-end">
          <NativeSelect
            aria-label={t('products.price.currencyOf', { name: label, n: i + 1 })}
            value={r.currency}
            onChange={(e) => set(i, { currency: e.currentTarget.value })}
            data={[r.currency, ...free]}
            w={100}
          />
          <NumberInput
            aria-label={t('products.price.amountOf', { name: label, currency: r.currency })}
            value={r.price}
            onChange={(v) => set(i, { price: v })}
            min={0}
            decimalScale={4}
            style={{ flex: 1 }}
            {...numberInputSeparators()}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('products.price.remove', { currency: r.currency })}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {free.length > 0 && (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, { currency: free[0] as string, price: 0 }])}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('products.price.add')}
        </Button>
      )}
    </Stack>
  );
}

export const pricesOf = (rows: PriceRow[]) =>
  rows.map((r) => ({ currency: r.currency, price: Number(r.price) || 0 }));
