import {
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { type InvoiceSettings, useInvoiceSettings, useSaveInvoiceSettings } from '../../api/invoices.ts';
import { useSession } from '../../api/session.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';

/** Settings → Invoicing: the seller's details on every invoice, the number sequence, the payment term. */
export function InvoicingSection() {
  const t = useT();
  const settings = useInvoiceSettings();
  if (settings.isPending) return <Loading label={t('invoices.settings.loading')} />;
  if (settings.isError) return <ErrorState error={settings.error} />;
  return <InvoicingForm initial={settings.data} />;
}

function InvoicingForm({ initial }: { initial: InvoiceSettings }) {
  const t = useT();
  const session = useSession();
  const admin = session.user.is_admin === 1;
  const save = useSaveInvoiceSettings();
  const [form, setForm] = useState(initial);
  const set = <K extends keyof InvoiceSettings>(key: K, value: InvoiceSettings[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const text = (key: 'seller_name' | 'org_number' | 'vat_number' | 'email' | 'prefix', label: string) => (
    <TextInput
      label={label}
      value={form[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      readOnly={!admin}
    />
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const { next_number, ...rest } = form;
    save.mutate(next_number === initial.next_number ? rest : form, {
      onSuccess: () => notifications.show({ color: 'green', message: t('invoices.settings.saved') }),
    });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="md" maw={640}>
        <Title order={3}>{t('invoices.settings.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('invoices.settings.explain')}
        </Text>
        {!admin && <Text size="sm">{t('invoices.settings.onlyAdmins')}</Text>}
        {text('seller_name', t('invoices.settings.sellerName'))}
        <Textarea
          label={t('invoices.settings.address')}
          value={form.address}
          onChange={(e) => set('address', e.currentTarget.value)}
          autosize
          minRows={2}
          readOnly={!admin}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text('org_number', t('invoices.settings.orgNumber'))}
          {text('vat_number', t('invoices.settings.vatNumber'))}
        </SimpleGrid>
        {text('email', t('invoices.settings.email'))}
        <Textarea
          label={t('invoices.settings.bank')}
          description={t('invoices.settings.bankHint')}
          value={form.bank_details}
          onChange={(e) => set('bank_details', e.currentTarget.value)}
          autosize
          minRows={2}
          readOnly={!admin}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {text('prefix', t('invoices.settings.prefix'))}
          <NumberInput
            label={t('invoices.settings.nextNumber')}
            description={t('invoices.settings.nextHint')}
            value={form.next_number}
            onChange={(v) => set('next_number', typeof v === 'number' ? v : initial.next_number)}
            min={1}
            allowDecimal={false}
            readOnly={!admin}
          />
          <NumberInput
            label={t('invoices.settings.dueDays')}
            value={form.default_due_days}
            onChange={(v) => set('default_due_days', typeof v === 'number' ? v : 0)}
            min={0}
            max={365}
            allowDecimal={false}
            readOnly={!admin}
          />
        </SimpleGrid>
        <Select
          label={t('invoices.settings.language')}
          data={[
            { value: 'en', label: t('invoices.settings.english') },
            { value: 'sv', label: t('invoices.settings.swedish') },
          ]}
          value={form.language}
          allowDeselect={false}
          onChange={(v) => (v === 'en' || v === 'sv') && set('language', v)}
          readOnly={!admin}
        />
        {save.error && (
          <Text c="red" role="alert" size="sm">
            {save.error.message}
          </Text>
        )}
        {admin && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('invoices.settings.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
