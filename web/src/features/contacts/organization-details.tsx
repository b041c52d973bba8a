import { Anchor, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { type Organization, organizationKeys } from '../../api/organizations.ts';
import { personKeys } from '../../api/persons.ts';
import { useVisibility } from '../../components/visibility.ts';
import { formatNumber, numberInputSeparators } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { DetailsCard, EditCard } from './details-card.tsx';
import { OwnerSelect, VisibilitySelect } from './fields.tsx';
import { useUserNames } from './queries.ts';

const link = (url: string | null) => {
  if (!url) return null;
  const href = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
      {url}
    </Anchor>
  );
};

const number = (n: number | null) => (n === null ? null : formatNumber(n));

/** An organization's fields: shown, and edited in place (PATCH /api/v2/organizations/{id}). */
export function OrganizationDetails({ org }: { org: Organization }) {
  const [editing, setEditing] = useState(false);
  const ownerName = useUserNames();
  const t = useT();
  const visibility = useVisibility();
  if (editing) return <OrganizationEditForm org={org} onDone={() => setEditing(false)} />;
  return (
    <DetailsCard
      title={t('contacts.organization.title')}
      onEdit={() => setEditing(true)}
      rows={[
        [t('contacts.field.name'), org.name],
        [t('contacts.field.address'), org.address.value || null],
        [t('contacts.field.website'), link(org.website)],
        [t('contacts.field.linkedin'), link(org.linkedin)],
        [t('contacts.field.employees'), number(org.employee_count)],
        [t('contacts.field.annualRevenue'), number(org.annual_revenue)],
        [t('contacts.field.owner'), ownerName(org.owner_id)],
        [t('contacts.field.visibleTo'), visibility.label(org.visible_to)],
      ]}
    />
  );
}

const toNumber = (v: number | string) => (v === '' || v === null ? null : Number(v));

function OrganizationEditForm({ org, onDone }: { org: Organization; onDone: () => void }) {
  const qc = useQueryClient();
  const t = useT();
  const [name, setName] = useState(org.name);
  const [address, setAddress] = useState(org.address.value ?? '');
  const [website, setWebsite] = useState(org.website ?? '');
  const [linkedin, setLinkedin] = useState(org.linkedin ?? '');
  const [employees, setEmployees] = useState<number | string>(org.employee_count ?? '');
  const [revenue, setRevenue] = useState<number | string>(org.annual_revenue ?? '');
  const [owner, setOwner] = useState(org.owner_id);
  const [visibleTo, setVisibleTo] = useState(org.visible_to);
  const [nameError, setNameError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: async () =>
      (
        await api.patch<Organization>(`/api/v2/organizations/${org.id}`, {
          name: name.trim(),
          // an unchanged address keeps its parts; a changed one is sent as the one-line value
          ...(address.trim() !== (org.address.value ?? '') ? { address: address.trim() || null } : {}),
          website: website.trim() || null,
          linkedin: linkedin.trim() || null,
          employee_count: toNumber(employees),
          annual_revenue: toNumber(revenue),
          owner_id: owner,
          visible_to: visibleTo,
        })
      ).data,
    onSuccess: (o) => {
      qc.setQueryData(organizationKeys.detail(o.id), o);
      qc.invalidateQueries({ queryKey: organizationKeys.all });
      qc.invalidateQueries({ queryKey: personKeys.all });
      notifications.show({ color: 'teal', message: t('contacts.organization.saved') });
      onDone();
    },
  });

  return (
    <EditCard
      title={t('contacts.organization.edit')}
      onCancel={onDone}
      busy={save.isPending}
      error={save.error}
      onSave={() => {
        if (!name.trim()) return setNameError(t('contacts.nameRequired'));
        setNameError(null);
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('contacts.field.name')}
          required
          maxLength={255}
          value={name}
          error={nameError}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label={t('contacts.field.address')}
          maxLength={1024}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
        />
        <TextInput
          label={t('contacts.field.website')}
          maxLength={2048}
          value={website}
          onChange={(e) => setWebsite(e.currentTarget.value)}
        />
        <TextInput
          label={t('contacts.field.linkedin')}
          maxLength={2048}
          value={linkedin}
          onChange={(e) => setLinkedin(e.currentTarget.value)}
        />
        <NumberInput
          label={t('contacts.field.employees')}
          min={0}
          max={2_147_483_647}
          allowDecimal={false}
          allowNegative={false}
          value={employees}
          onChange={setEmployees}
        />
        <NumberInput
          label={t('contacts.field.annualRevenue')}
          min={0}
          allowNegative={false}
          max={1e15}
          {...numberInputSeparators()}
          value={revenue}
          onChange={setRevenue}
        />
        <OwnerSelect value={owner} onChange={setOwner} />
        <VisibilitySelect value={visibleTo} onChange={setVisibleTo} />
      </Stack>
    </EditCard>
  );
}
