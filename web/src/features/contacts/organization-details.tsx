import { Anchor, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { DetailsCard, EditCard } from './details-card.tsx';
import { OwnerSelect, VisibilitySelect, visibilityLabel } from './fields.tsx';
import { useUserNames } from './queries.ts';
import type { Organization } from './types.ts';

const link = (url: string | null) => {
  if (!url) return null;
  const href = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
      {url}
    </Anchor>
  );
};

const number = (n: number | null) => (n === null ? null : n.toLocaleString());

/** An organization's fields: shown, and edited in place (PATCH /api/v2/organizations/{id}). */
export function OrganizationDetails({ org }: { org: Organization }) {
  const [editing, setEditing] = useState(false);
  const ownerName = useUserNames();
  if (editing) return <OrganizationEditForm org={org} onDone={() => setEditing(false)} />;
  return (
    <DetailsCard
      title="Organization"
      onEdit={() => setEditing(true)}
      rows={[
        ['Name', org.name],
        ['Address', org.address.value || null],
        ['Website', link(org.website)],
        ['LinkedIn', link(org.linkedin)],
        ['Employees', number(org.employee_count)],
        ['Annual revenue', number(org.annual_revenue)],
        ['Owner', ownerName(org.owner_id)],
        ['Visible to', visibilityLabel(org.visible_to)],
      ]}
    />
  );
}

const toNumber = (v: number | string) => (v === '' || v === null ? null : Number(v));

function OrganizationEditForm({ org, onDone }: { org: Organization; onDone: () => void }) {
  const qc = useQueryClient();
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
      qc.setQueryData(['organizations', o.id], o);
      qc.invalidateQueries({ queryKey: ['organizations'] });
      qc.invalidateQueries({ queryKey: ['persons'] });
      notifications.show({ color: 'teal', message: 'Organization saved' });
      onDone();
    },
  });

  return (
    <EditCard
      title="Edit organization"
      onCancel={onDone}
      busy={save.isPending}
      error={save.error}
      onSave={() => {
        if (!name.trim()) return setNameError('Name is required');
        setNameError(null);
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          maxLength={255}
          value={name}
          error={nameError}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label="Address"
          maxLength={1024}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
        />
        <TextInput
          label="Website"
          maxLength={2048}
          value={website}
          onChange={(e) => setWebsite(e.currentTarget.value)}
        />
        <TextInput
          label="LinkedIn"
          maxLength={2048}
          value={linkedin}
          onChange={(e) => setLinkedin(e.currentTarget.value)}
        />
        <NumberInput
          label="Employees"
          min={0}
          max={2_147_483_647}
          allowDecimal={false}
          allowNegative={false}
          value={employees}
          onChange={setEmployees}
        />
        <NumberInput
          label="Annual revenue"
          min={0}
          allowNegative={false}
          max={1e15}
          thousandSeparator=","
          value={revenue}
          onChange={setRevenue}
        />
        <OwnerSelect value={owner} onChange={setOwner} />
        <VisibilitySelect value={visibleTo} onChange={setVisibleTo} />
      </Stack>
    </EditCard>
  );
}
