import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateOrganization } from '../../api/organizations.ts';
import { useSession } from '../../api/session.tsx';
import { DialogForm } from '../../components/dialog-form.tsx';
import { useT } from '../../i18n/provider.tsx';
import { showAdded } from './added-notification.tsx';
import { DuplicateWarning } from './duplicate-warning.tsx';
import { OwnerSelect, VisibilitySelect } from './fields.tsx';

/** "+ Organization": name, address, owner, visibility. */
export function AddOrganizationDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { user } = useSession();
  const t = useT();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [owner, setOwner] = useState(user.id);
  const [visibleTo, setVisibleTo] = useState(3);
  const [nameError, setNameError] = useState<string | null>(null);

  const close = () => {
    setName('');
    setAddress('');
    setOwner(user.id);
    setVisibleTo(3);
    setNameError(null);
    add.reset();
    onClose();
  };

  const add = useCreateOrganization();
  const submitOrganization = () =>
    add.mutate(
      {
        name: name.trim(),
        owner_id: owner,
        visible_to: visibleTo,
        ...(address.trim() ? { address: address.trim() } : {}),
      },
      {
        onSuccess: (o) => {
          showAdded(t, navigate, {
            title: t('contacts.addOrganization.done'),
            name: o.name,
            path: `/contacts/organizations/${o.id}`,
          });
          close();
        },
      },
    );

  const submit = () => {
    if (!name.trim()) return setNameError(t('contacts.nameRequired'));
    setNameError(null);
    submitOrganization();
  };

  return (
    <DialogForm
      title={t('contacts.addOrganization.title')}
      opened={opened}
      onClose={close}
      onSubmit={submit}
      submitLabel={t('contacts.save')}
      busy={add.isPending}
      error={add.error}
    >
      <TextInput
        label={t('contacts.field.name')}
        required
        data-autofocus
        maxLength={255}
        value={name}
        error={nameError}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TextInput
        label={t('contacts.field.address')}
        maxLength={1024}
        value={address}
        onChange={(e) => setAddress(e.currentTarget.value)}
      />
      <DuplicateWarning kind="organization" enabled={opened} probe={{ name }} />
      <OwnerSelect value={owner} onChange={setOwner} />
      <VisibilitySelect value={visibleTo} onChange={setVisibleTo} />
    </DialogForm>
  );
}
