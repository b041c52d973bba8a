import { Group, NativeSelect, NumberInput, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useAddDealProduct } from '../../../../api/deal-products.ts';
import type { Deal } from '../../../../api/deals.ts';
import {
  BILLING_FREQUENCIES,
  type BillingFrequency,
  type Product,
  useProductChoices,
  useProductVariations,
} from '../../../../api/products.ts';
import { DialogForm } from '../../../../components/dialog-form.tsx';
import { numberInputSeparators } from '../../../../i18n/format.ts';
import { useT } from '../../../../i18n/provider.tsx';
import { FREQUENCY_LABEL } from '../../../products/billing.ts';

/** The product's price in the deal's currency (none: its first price, or 0). */
const priceIn = (p: Product, currency: string) =>
  (p.prices.find((x) => x.currency === currency) ?? p.prices[0])?.price ?? 0;

/** Adds a product from the catalogue to the deal: search, then price, quantity and billing. */
export function AddLineDialog({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const t = useT();
  const add = useAddDealProduct(deal.id);
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 250);
  const choices = useProductChoices(term);
  const [product, setProduct] = useState<Product | null>(null);
  const variations = useProductVariations(product?.id ?? null);
  const [variationId, setVariationId] = useState<string>('');
  const [price, setPrice] = useState<string | number>(0);
  const [quantity, setQuantity] = useState<string | number>(1);
  const [frequency, setFrequency] = useState<BillingFrequency>('one-time');
  const [cycles, setCycles] = useState<string | number>('');
  const [missing, setMissing] = useState(false);

  const known = new Map<number, Product>((choices.data ?? []).map((p) => [p.id, p]));
  if (product) known.set(product.id, product);

  const choose = (id: string | null) => {
    const p = id ? (known.get(Number(id)) ?? null) : null;
    setProduct(p);
    setVariationId('');
    setMissing(false);
    if (p) {
      setPrice(priceIn(p, deal.currency));
      setFrequency(p.billing_frequency);
      setCycles(p.billing_frequency_cycles ?? '');
    }
  };

  const submit = () => {
    if (!product) return setMissing(true);
    add.mutate(
      {
        product_id: product.id,
        product_variation_id: variationId ? Number(variationId) : null,
        item_price: Number(price) || 0,
        quantity: Number(quantity) || 0,
        billing_frequency: frequency,
        billing_frequency_cycles: frequency === 'one-time' || cycles === '' ? null : Number(cycles),
      },
      { onSuccess: onClose },
    );
  };

  return (
    <DialogForm
      opened
      title={t('products.add.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('products.add.submit')}
      busy={add.isPending}
      error={add.error}
    >
      <Select
        label={t('products.add.product')}
        placeholder={t('products.add.search')}
        searchable
        data-autofocus
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        data={(choices.data ?? []).map((p) => ({
          value: String(p.id),
          label: p.code ? `${p.name} (${p.code})` : p.name,
        }))}
        value={product ? String(product.id) : null}
        onChange={choose}
        nothingFoundMessage={choices.isFetching ? t('products.add.searching') : t('products.add.noMatch')}
        error={missing ? t('products.add.pickOne') : undefined}
        required
      />
      {(variations.data?.length ?? 0) > 0 && (
        <NativeSelect
          label={t('products.add.variation')}
          value={variationId}
          onChange={(e) => {
            const v = variations.data?.find((x) => String(x.id) === e.currentTarget.value);
            setVariationId(e.currentTarget.value);
            const p = v?.prices.find((x) => x.currency === deal.currency);
            if (p) setPrice(p.price);
          }}
          data={[
            { value: '', label: t('products.add.noVariation') },
            ...(variations.data ?? []).map((v) => ({ value: String(v.id), label: v.name })),
          ]}
        />
      )}
      <Group grow align="flex-start">
        <NumberInput
          label={t('products.add.price', { currency: deal.currency })}
          value={price}
          onChange={setPrice}
          decimalScale={4}
          {...numberInputSeparators()}
        />
        <NumberInput
          label={t('products.add.quantity')}
          value={quantity}
          onChange={setQuantity}
          min={0}
          decimalScale={4}
          {...numberInputSeparators()}
        />
      </Group>
      <Group grow align="flex-start">
        <NativeSelect
          label={t('products.add.frequency')}
          value={frequency}
          onChange={(e) => setFrequency(e.currentTarget.value as BillingFrequency)}
          data={BILLING_FREQUENCIES.map((f) => ({ value: f, label: t(FREQUENCY_LABEL[f]) }))}
        />
        <NumberInput
          label={t('products.add.cycles')}
          description={t('products.add.cyclesHint')}
          value={cycles}
          onChange={setCycles}
          disabled={frequency === 'one-time'}
          min={1}
          max={208}
          allowDecimal={false}
        />
      </Group>
    </DialogForm>
  );
}
