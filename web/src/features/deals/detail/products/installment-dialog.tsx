import { NumberInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type DealInstallment, useSaveInstallment } from '../../../../api/deal-discounts.ts';
import { DialogForm } from '../../../../components/dialog-form.tsx';
import { localToday, numberInputSeparators } from '../../../../i18n/format.ts';
import { useT } from '../../../../i18n/provider.tsx';
import { placeError } from './field-error.ts';

const FIELDS = ['description', 'amount', 'billing_date'] as const;

/** Adds an installment to the deal, or changes one: a description, an amount and a billing date. */
export function InstallmentDialog({
  dealId,
  currency,
  installment,
  onClose,
}: {
  dealId: number;
  currency: string;
  installment: DealInstallment | null;
  onClose: () => void;
}) {
  const t = useT();
  const save = useSaveInstallment(dealId);
  const [description, setDescription] = useState(installment?.description ?? '');
  const [amount, setAmount] = useState<string | number>(installment?.amount ?? '');
  const [billingDate, setBillingDate] = useState(installment?.billing_date ?? localToday());
  const errors = placeError(save.error, FIELDS);

  const submit = () =>
    save.mutate(
      {
        id: installment?.id,
        body: { description: description.trim(), amount: Number(amount), billing_date: billingDate },
      },
      { onSuccess: onClose },
    );

  return (
    <DialogForm
      opened
      title={t(installment ? 'products.installments.editTitle' : 'products.installments.addTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('products.installments.save')}
      busy={save.isPending}
      error={errors.form}
    >
      <TextInput
        label={t('products.installments.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={errors.on('description')}
        required
        data-autofocus
      />
      <NumberInput
        label={t('products.installments.amountIn', { currency })}
        value={amount}
        onChange={setAmount}
        min={0}
        decimalScale={2}
        error={errors.on('amount')}
        required
        {...numberInputSeparators()}
      />
      <TextInput
        type="date"
        label={t('products.installments.billingDate')}
        value={billingDate}
        onChange={(e) => setBillingDate(e.currentTarget.value)}
        error={errors.on('billing_date')}
        required
      />
    </DialogForm>
  );
}
