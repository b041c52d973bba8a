import { Divider, Group, NativeSelect, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  BILLING_FREQUENCIES,
  type BillingFrequency,
  type Product,
  useProduct,
  useSaveProduct,
} from '../../api/products.ts';
import { useSession } from '../../api/session.tsx';
import { CustomFieldRows, useListFields } from '../../components/custom-fields/index.ts';
import { DialogForm } from '../../components/dialog-form.tsx';
import { numberInputSeparators } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { FREQUENCY_LABEL } from './billing.ts';
import { type PriceRow, PriceRows, pricesOf } from './price-rows.tsx';
import { ProductImagePart } from './product-image.tsx';
import { Variations } from './variations.tsx';

/**
 * A saved product's custom fields, each saved in place (the shared inline editors), below the form:
 * an inline editor is a form of its own. The values come from the product as the server last answered.
 */
function ProductCustomFields({ product }: { product: Product }) {
  const t = useT();
  const live = useProduct(product.id, product);
  const save = useSaveProduct(product);
  const fields = useListFields('product');
  if (fields.length === 0) return null;
  return (
    <Stack gap={4} component="section" aria-label={t('customFields.title')}>
      <Divider label={t('customFields.title')} labelPosition="left" />
      <Text size="xs" c="dimmed">
        {t('products.dialog.customHint')}
      </Text>
      <CustomFieldRows
        entity="product"
        source={{ shape: 'v2', values: (live.data ?? product).custom_fields }}
        save={(patch) => save.mutateAsync(patch)}
      />
    </Stack>
  );
}

/**
 * Adds a product or edits one: name, code, unit, category, tax, prices per currency, billing; a saved
 * product also its image, variations and custom fields.
 */
export function ProductDialog({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const t = useT();
  const { company } = useSession();
  const save = useSaveProduct(product);
  const [name, setName] = useState(product?.name ?? '');
  const [code, setCode] = useState(product?.code ?? '');
  const [unit, setUnit] = useState(product?.unit ?? '');
  const [category, setCategory] = useState(product?.category ?? '');
  const [tax, setTax] = useState<string | number>(product?.tax ?? 0);
  const [description, setDescription] = useState(product?.description ?? '');
  const [frequency, setFrequency] = useState<BillingFrequency>(product?.billing_frequency ?? 'one-time');
  const [cycles, setCycles] = useState<string | number>(product?.billing_frequency_cycles ?? '');
  const [prices, setPrices] = useState<PriceRow[]>(
    product
      ? product.prices.map((p) => ({ currency: p.currency, price: p.price }))
      : [{ currency: company.default_currency, price: 0 }],
  );
  const [nameError, setNameError] = useState(false);

  const submit = () => {
    if (!name.trim()) return setNameError(true);
    save.mutate(
      {
        name: name.trim(),
        code,
        unit,
        description,
        category: category.trim() || null,
        tax: Number(tax) || 0,
        billing_frequency: frequency,
        billing_frequency_cycles: frequency === 'one-time' || cycles === '' ? null : Number(cycles),
        prices: pricesOf(prices),
      },
      { onSuccess: onClose },
    );
  };

  return (
    <DialogForm
      opened
      title={product ? t('products.dialog.editTitle', { name: product.name }) : t('products.dialog.addTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('products.dialog.save')}
      busy={save.isPending}
      error={save.error}
      size="lg"
      after={product && <ProductCustomFields product={product} />}
    >
      {product ? (
        <ProductImagePart productId={product.id} productName={product.name} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('products.dialog.laterHint')}
        </Text>
      )}
      <TextInput
        label={t('products.field.name')}
        value={name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setNameError(false);
        }}
        error={nameError ? t('products.field.nameRequired') : undefined}
        required
        data-autofocus
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('products.field.code')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
        />
        <TextInput
          label={t('products.field.unit')}
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value)}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label={t('products.field.category')}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value)}
        />
        <NumberInput
          label={t('products.field.tax')}
          value={tax}
          onChange={setTax}
          min={0}
          max={100}
          suffix="%"
          decimalScale={2}
          {...numberInputSeparators()}
        />
      </Group>
      <Stack gap={4}>
        <Divider label={t('products.field.prices')} labelPosition="left" />
        <PriceRows rows={prices} onChange={setPrices} label={name || t('products.dialog.addTitle')} />
      </Stack>
      <Group grow align="flex-start">
        <NativeSelect
          label={t('products.field.frequency')}
          value={frequency}
          onChange={(e) => setFrequency(e.currentTarget.value as BillingFrequency)}
          data={BILLING_FREQUENCIES.map((f) => ({ value: f, label: t(FREQUENCY_LABEL[f]) }))}
        />
        <NumberInput
          label={t('products.field.cycles')}
          description={t('products.add.cyclesHint')}
          value={cycles}
          onChange={setCycles}
          disabled={frequency === 'one-time'}
          min={1}
          max={208}
          allowDecimal={false}
        />
      </Group>
      <Textarea
        label={t('products.field.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      {product && <Variations product={product} />}
    </DialogForm>
  );
}
