import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Product } from '../../api/products.ts';
import {
  type CustomColumns,
  useCustomColumns,
  useUserPreference,
} from '../../components/custom-fields/index.ts';
import { formatMoney, formatPercent } from '../../i18n/format.ts';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';
import { FREQUENCY_LABEL } from './billing.ts';

export const PRODUCT_COLUMNS = ['code', 'unit', 'prices', 'category', 'tax', 'billing', 'owner'] as const;
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];
const DEFAULT_COLUMNS: ProductColumn[] = ['code', 'unit', 'prices', 'owner'];

export const COLUMN_LABEL: Record<ProductColumn, MessageId> = {
  code: 'products.column.code',
  unit: 'products.column.unit',
  prices: 'products.column.prices',
  category: 'products.column.category',
  tax: 'products.column.tax',
  billing: 'products.column.billing',
  owner: 'products.column.owner',
};

/**
 * The catalogue's columns the user chose (the name is always shown), remembered per user as the people
 * list's are; `custom`: the product custom fields shown as columns.
 */
export function useProductColumns(): {
  shown: ProductColumn[];
  setChosen: (c: string[]) => void;
  custom: CustomColumns;
} {
  const [chosen, setChosen] = useUserPreference<string[]>('columns:products', DEFAULT_COLUMNS);
  const shown = PRODUCT_COLUMNS.filter((c) => chosen.includes(c));
  const custom = useCustomColumns('product', 'products-custom');
  return { shown, setChosen, custom };
}

/** "Columns": a checkbox per column of the catalogue, then one per product custom field. */
export function ProductColumnPicker({ columns }: { columns: ReturnType<typeof useProductColumns> }) {
  const { custom } = columns;
  const t = useT();
  return (
    <Popover position="bottom-end" withArrow shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          {t('products.page.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={300}>
        <Checkbox.Group
          label={t('products.page.columnsTitle')}
          value={columns.shown}
          onChange={columns.setChosen}
        >
          <Stack gap={6} mt="xs">
            {PRODUCT_COLUMNS.map((c) => (
              <Checkbox key={c} value={c} label={t(COLUMN_LABEL[c])} />
            ))}
          </Stack>
        </Checkbox.Group>
        {custom.all.length > 0 && (
          <Checkbox.Group
            mt="md"
            label={t('products.page.customColumnsTitle')}
            value={custom.codes.filter((c) => custom.all.some((f) => f.field_code === c))}
            onChange={custom.setCodes}
          >
            <Stack gap={6} mt="xs">
              {custom.all.map((f) => (
                <Checkbox key={f.field_code} value={f.field_code} label={f.field_name} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

/** One product's cell of a column. */
export function ProductCell({
  product: p,
  column,
  owner,
}: {
  product: Product;
  column: ProductColumn;
  owner: (id: number) => string;
}): ReactNode {
  const t = useT();
  switch (column) {
    case 'code':
      return p.code;
    case 'unit':
      return p.unit;
    case 'prices':
      return (
        <Stack gap={0}>
          {p.prices.map((x) => (
            <Text key={x.currency} size="sm">
              {formatMoney(x.price, x.currency)}
            </Text>
          ))}
        </Stack>
      );
    case 'category':
      return p.category ?? '';
    case 'tax':
      return formatPercent(p.tax, 2);
    case 'billing':
      return t(FREQUENCY_LABEL[p.billing_frequency]);
    case 'owner':
      return owner(p.owner_id);
  }
}
