import { Group, NativeSelect, NumberInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type DealDiscount, type DiscountInput, useSaveDiscount } from '../../../../api/deal-discounts.ts';
import { DialogForm } from '../../../../components/dialog-form.tsx';
import { numberInputSeparators } from '../../../../i18n/format.ts';
import { useT } from '../../../../i18n/provider.tsx';
import { placeError } from './field-error.ts';

const FIELDS = ['description', 'amount', 'type'] as const;

/** Adds a discount to the deal, or changes one: a description, a percentage or an amount. */
export function DiscountDialog({
  dealId,
  currency,
  discount,
  onClose,
}: {
  dealId: number;
  currency: string;
  discount: DealDiscount | null;
  onClose: () => void;
}) {
  const t = useT();
  const save = useSaveDiscount(dealId);
  const [description, setDescription] = useState(discount?.description ?? '');
  const [type, setType] = useState<DiscountInput['type']>(discount?.type ?? 'percentage');
  const [amount, setAmount] = useState<string | number>(discount?.amount ?? '');
  const errors = placeError(save.error, FIELDS);

  const submit = () =>
    save.mutate(
      { id: discount?.id, body: { description: description.trim(), type, amount: Number(amount) } },
      { onSuccess: onClose },
    );

  return (
    <DialogForm
      opened
      title={t(discount ? 'products.discounts.editTitle' : 'products.discounts.addTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('products.discounts.save')}
      busy={save.isPending}
      error={errors.form}
    >
      <TextInput
        label={t('products.discounts.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={errors.on('description')}
        required
        data-autofocus
      />
      <Group grow align="flex-start">
        <NativeSelect
          label={t('products.discounts.type')}
          value={type}
          onChange={(e) => setType(e.currentTarget.value as DiscountInput['type'])}
          data={[
            { value: 'percentage', label: t('products.discounts.percentage') },
            { value: 'amount', label: t('products.discounts.amountIn', { currency }) },
          ]}
          error={errors.on('type')}
        />
        <NumberInput
          label={t('products.discounts.amount')}
          value={amount}
          onChange={setAmount}
          min={0}
          decimalScale={2}
          error={errors.on('amount')}
          required
          {...numberInputSeparators()}
        />
      </Group>
    </DialogForm>
  );
}
