import { ActionIcon, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { MessageId } from '../i18n/messages/en.ts';
import { useT } from '../i18n/provider.tsx';

/** An e-mail address or phone number of a person, with its type (work, home…). */
export interface Channel {
  value: string;
  primary: boolean;
  label: string;
}

/** The type a new e-mail or phone gets (an API value, shown translated). */
export const WORK = 'work';

const EMAIL_LABELS = ['work', 'home', 'other'];
const PHONE_LABELS = ['work', 'home', 'mobile', 'other'];

/** Several e-mails or phones, each with its type; the first is the primary one. */
export function ChannelEditor({
  kind,
  value,
  onChange,
}: {
  kind: 'Email' | 'Phone';
  value: Channel[];
  onChange: (v: Channel[]) => void;
}) {
  const t = useT();
  const words: Record<'name' | 'type' | 'remove' | 'add', MessageId> =
    kind === 'Email'
      ? {
          name: 'contacts.channel.email',
          type: 'contacts.channel.emailType',
          remove: 'contacts.channel.removeEmail',
          add: 'contacts.channel.addEmail',
        }
      : {
          name: 'contacts.channel.phone',
          type: 'contacts.channel.phoneType',
          remove: 'contacts.channel.removePhone',
          add: 'contacts.channel.addPhone',
        };
  const labels = (kind === 'Email' ? EMAIL_LABELS : PHONE_LABELS).map((l) => ({
    value: l,
    label: t('contacts.channel.label', { label: l }),
  }));
  const rows = value.length > 0 ? value : [{ value: '', primary: true, label: WORK }];
  const set = (i: number, patch: Partial<Channel>) =>
    onChange(rows.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <Stack gap={6}>
      {rows.map((c, i) => {
        const index = { index: i + 1 };
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t(words.name, index)}
              type={kind === 'Email' ? 'email' : 'tel'}
              value={c.value}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <Select
              label={t(words.type, index)}
              data={labels}
              value={c.label}
              allowDeselect={false}
              onChange={(v) => v && set(i, { label: v })}
              w={100}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={t(words.remove, index)}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              disabled={rows.length === 1 && c.value === ''}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...rows, { value: '', primary: false, label: WORK }])}
        style={{ alignSelf: 'flex-start' }}
      >
        {t(words.add)}
      </Button>
    </Stack>
  );
}

/** The channels to send: blanks dropped, the first one primary. */
export const channelsToSend = (list: Channel[]) =>
  list
    .map((c) => ({ ...c, value: c.value.trim() }))
    .filter((c) => c.value !== '')
    .map((c, i) => ({ value: c.value, label: c.label, primary: i === 0 }));
