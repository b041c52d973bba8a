import { ActionIcon, Box, Button, Group, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/provider.tsx';
import classes from './inline-field.module.css';
import { type FieldTypeName, fieldTypes, type OptionsOf, type ValueOf } from './registry.ts';
import type { FieldType } from './types.ts';

export interface InlineFieldProps<K extends FieldTypeName> {
  /** which editor and view: a name in `fieldTypes` */
  type: K;
  label: string;
  value: ValueOf<K>;
  onSave: (value: ValueOf<K>) => Promise<unknown>;
  options?: OptionsOf<K>;
  readOnly?: boolean;
  /** shown instead of the type's view of the value (a link, a hint such as "of the stage") */
  display?: ReactNode;
  /** shown, dimmed, for an empty value that can be edited ("Add value"); "—" otherwise */
  emptyText?: string;
  /** the page heading (the record's name) instead of a label/value row */
  heading?: 'h1' | 'h2';
}

/**
 * A record's field shown as its label and value that turns into its editor when clicked (or on Enter or
 * Space): Save (or Enter) saves, Cancel (or Escape) leaves it as it was, and focus goes back to the
 * field either way. While saving the editor is read-only; the server's refusal stays on the field.
 * Editors come from `fieldTypes` by `type`.
 */
export function InlineField<K extends FieldTypeName>(props: InlineFieldProps<K>) {
  const { label, readOnly, heading } = props;
  const def = fieldTypes[props.type] as unknown as FieldType<ValueOf<K>, OptionsOf<K>>;
  const options = (props.options ?? {}) as OptionsOf<K>;
  const t = useT();
  const [draft, setDraft] = useState<{ value: ValueOf<K> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  useEffect(() => {
    if (!draft && refocus.current) {
      refocus.current = false;
      trigger.current?.focus();
    }
  }, [draft]);

  const open = () => {
    setError(null);
    setDraft({ value: props.value });
  };
  const close = () => {
    refocus.current = true;
    setDraft(null);
  };
  const save = async (value: ValueOf<K>) => {
    if (saving) return;
    const invalid = def.validate?.(value, options, t, label);
    if (invalid) return setError(invalid);
    if (def.equals(value, props.value)) return close();
    setSaving(true);
    setError(null);
    try {
      await props.onSave(value);
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  if (draft) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      e.stopPropagation();
      void save(draft.value);
    };
    const keys = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !saving) {
        e.preventDefault();
        close();
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void save(draft.value);
      }
    };
    return (
      <Box component="form" onSubmit={submit} onKeyDown={keys} py={4} aria-label={label} noValidate>
        <Stack gap={6}>
          <def.Editor
            label={label}
            value={draft.value}
            onChange={(value) => {
              setDraft({ value });
              setError(null);
            }}
            commit={(value) => {
              setDraft({ value });
              void save(value);
            }}
            options={options}
            error={error}
            saving={saving}
          />
          <Group gap="xs" justify="flex-end">
            <Button size="compact-sm" variant="default" onClick={close} disabled={saving}>
              {t('common.cancel')}
            </Button>
            <Button size="compact-sm" type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Box>
    );
  }

  const empty = def.isEmpty(props.value) && props.display === undefined;
  const shown = empty ? (
    <Text span size="sm" c="dimmed">
      {readOnly || !props.emptyText ? t('field.empty') : props.emptyText}
    </Text>
  ) : (
    (props.display ?? <def.Show value={props.value} options={options} />)
  );
  const pencil = readOnly ? null : (
    <ActionIcon
      ref={trigger}
      variant="subtle"
      color="gray"
      size={heading ? 'md' : 'sm'}
      aria-label={t('field.edit', { label })}
      onClick={open}
      mt={heading ? 2 : 0}
    >
      <IconPencil size={heading ? 16 : 14} />
    </ActionIcon>
  );

  if (heading) {
    // the heading stays a heading; the pencil next to it (and a click on the text) edits it
    return (
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Text
          component={heading}
          fz={{ base: 'xl', sm: 26 }}
          fw={700}
          lh={1.2}
          m={0}
          style={{ overflowWrap: 'anywhere', cursor: readOnly ? undefined : 'text' }}
          onClick={readOnly ? undefined : open}
        >
          {shown}
        </Text>
        {pencil}
      </Group>
    );
  }

  // The value is not a button (it may hold links): the pencil is the field's button, a click on the
  // value edits too.
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" py={4}>
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }} pt={2}>
        {label}
      </Text>
      <Text
        size="sm"
        component="div"
        pt={2}
        className={readOnly ? undefined : classes.value}
        style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}
        onClick={readOnly ? undefined : open}
      >
        {shown}
      </Text>
      {pencil}
    </Group>
  );
}

/** A field that is shown but not edited here (source, created), in the same row as the others. */
export function FieldRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" py={4}>
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}
