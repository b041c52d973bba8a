import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreatePerson } from '../../api/persons.ts';
import { useSession } from '../../api/session.tsx';
import { WORK } from '../../components/channel-editor.tsx';
import { type ContactChoice, OrganizationPicker, resolveContact } from '../../components/contact-pickers.tsx';
import { DialogForm } from '../../components/dialog-form.tsx';
import { useT } from '../../i18n/provider.tsx';
import { showAdded } from './added-notification.tsx';
import { DuplicateWarning } from './duplicate-warning.tsx';
import { OwnerSelect, VisibilitySelect } from './fields.tsx';

const blank = () => ({
  name: '',
  org: null as ContactChoice | null,
  email: '',
  phone: '',
  visible_to: 3,
});

/** "+ Person": name, organization (existing, or typed: made on Save), e-mail, phone, owner, visibility. */
export function AddPersonDialog({
  opened,
  onClose,
  org,
}: {
  opened: boolean;
  onClose: () => void;
  /** preset organization (adding from an organization's page) */
  org?: { id: number; name: string };
}) {
  const { user } = useSession();
  const t = useT();
  const navigate = useNavigate();
  const preset = (): ContactChoice | null => (org ? { kind: 'existing', ...org } : null);
  const [form, setForm] = useState(() => ({ ...blank(), org: preset() }));
  const [owner, setOwner] = useState(user.id);
  const [nameError, setNameError] = useState<string | null>(null);

  const close = () => {
    setForm({ ...blank(), org: preset() });
    setOwner(user.id);
    setNameError(null);
    add.reset();
    onClose();
  };

  const add = useCreatePerson();
  const submitPerson = () =>
    add.mutate(
      async () => {
        const orgId = await resolveContact(form.org, { entity: 'organization', ownerId: owner });
        // made now, it is an existing organization if the person is refused and Save is pressed again
        if (form.org?.kind === 'new' && orgId !== null) {
          const name = form.org.name;
          setForm((f) => ({ ...f, org: { kind: 'existing', id: orgId, name } }));
        }
        return {
          name: form.name.trim(),
          org_id: orgId,
          owner_id: owner,
          visible_to: form.visible_to,
          ...(form.email.trim()
            ? { emails: [{ value: form.email.trim(), primary: true, label: WORK }] }
            : {}),
          ...(form.phone.trim()
            ? { phones: [{ value: form.phone.trim(), primary: true, label: WORK }] }
            : {}),
        };
      },
      {
        onSuccess: (p) => {
          showAdded(t, navigate, {
            title: t('contacts.addPerson.done'),
            name: p.name,
            path: `/contacts/people/${p.id}`,
          });
          close();
        },
      },
    );

  const submit = () => {
    if (!form.name.trim()) return setNameError(t('contacts.nameRequired'));
    setNameError(null);
    submitPerson();
  };

  return (
    <DialogForm
      title={t('contacts.addPerson.title')}
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
        value={form.name}
        error={nameError}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
      />
      <OrganizationPicker
        label={t('contacts.field.organization')}
        value={form.org}
        onChange={(o) => setForm((f) => ({ ...f, org: o }))}
      />
      <TextInput
        label={t('contacts.field.email')}
        type="email"
        maxLength={255}
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
      />
      <TextInput
        label={t('contacts.field.phone')}
        type="tel"
        maxLength={255}
        value={form.phone}
        onChange={(e) => setForm({ ...form, phone: e.currentTarget.value })}
      />
      <DuplicateWarning
        kind="person"
        enabled={opened}
        probe={{ name: form.name, email: form.email, phone: form.phone }}
      />
      <OwnerSelect value={owner} onChange={setOwner} />
      <VisibilitySelect value={form.visible_to} onChange={(v) => setForm({ ...form, visible_to: v })} />
    </DialogForm>
  );
}
