import { ActionIcon, Button, Divider, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type Product,
  type ProductVariation,
  useDeleteVariation,
  useProductVariations,
  useSaveVariation,
} from '../../api/products.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { type PriceRow, PriceRows, pricesOf } from './price-rows.tsx';

/** A product's variations (name and prices per currency), added, edited and removed in place. */
export function Variations({ product }: { product: Product }) {
  const t = useT();
  const variations = useProductVariations(product.id);
  const remove = useDeleteVariation(product.id);
  const [editing, setEditing] = useState<ProductVariation | 'new' | null>(null);
  return (
    <Stack gap={6}>
      <Divider label={t('products.variations.title')} labelPosition="left" />
      {(variations.data ?? []).length === 0 && editing !== 'new' && (
        <Text size="sm" c="dimmed">
          {t('products.variations.none')}
        </Text>
      )}
      {(variations.data ?? []).map((v) =>
        editing !== 'new' && editing?.id === v.id ? (
          <VariationForm key={v.id} product={product} variation={v} onDone={() => setEditing(null)} />
        ) : (
          <Group key={v.id} justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text size="sm" fw={500}>
                {v.name}
              </Text>
              <Text size="xs" c="dimmed">
                {v.prices.map((p) => formatMoney(p.price, p.currency)).join(' · ')}
              </Text>
            </Stack>
            <Group gap={4} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                aria-label={t('products.variations.edit', { name: v.name })}
                onClick={() => setEditing(v)}
              >
                <IconPencil size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('products.variations.remove', { name: v.name })}
                onClick={() =>
                  remove.mutate(v.id, {
                    onError: (e) =>
                      notifications.show({
                        color: 'red',
                        title: t('products.variations.failed'),
                        message: e.message,
                      }),
                  })
                }
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Group>
        ),
      )}
      {editing === 'new' ? (
        <VariationForm product={product} variation={null} onDone={() => setEditing(null)} />
      ) : (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() => setEditing('new')}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('products.variations.add')}
        </Button>
      )}
    </Stack>
  );
}

/** A variation's name and prices; not a form of its own (it sits inside the product's form). */
function VariationForm({
  product,
  variation,
  onDone,
}: {
  product: Product;
  variation: ProductVariation | null;
  onDone: () => void;
}) {
  const t = useT();
  const save = useSaveVariation(product.id, variation);
  const [name, setName] = useState(variation?.name ?? '');
  const [prices, setPrices] = useState<PriceRow[]>(
    variation
      ? variation.prices.map((p) => ({ currency: p.currency, price: p.price }))
      : product.prices.map((p) => ({ currency: p.currency, price: p.price })),
  );
  const submit = () => {
    if (!name.trim()) return;
    save.mutate({ name: name.trim(), prices: pricesOf(prices) }, { onSuccess: onDone });
  };
  return (
    <Paper withBorder p="xs">
      <Stack gap={6}>
        <TextInput
          label={t('products.variations.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            }
          }}
          error={save.error?.message}
        />
        <PriceRows rows={prices} onChange={setPrices} label={name || t('products.variations.name')} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="compact-sm" onClick={onDone}>
            {t('products.variations.cancel')}
          </Button>
          <Button size="compact-sm" loading={save.isPending} onClick={submit}>
            {t('products.variations.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
