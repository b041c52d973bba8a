import { ActionIcon, Box, Group, Loader, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n/provider.tsx';
import classes from './detail.module.css';

/** How an editor ends: saved or cancelled by keyboard (focus goes back to the field) or by leaving it. */
export type CloseEditor = (how: 'keyboard' | 'blur') => void;

export interface InlineFieldProps {
  label: string;
  /** the value as shown when not editing */
  display: ReactNode;
  readOnly?: boolean;
  /** the editor; it calls `close` when it saved or was cancelled */
  children: (close: CloseEditor) => ReactNode;
  /** big text (the title) instead of a label/value row */
  variant?: 'row' | 'title';
}

/**
 * A value that turns into its labelled editor when clicked (or on Enter/Space): "click to edit".
 * The editors below save on Enter or when focus leaves them, and cancel on Escape.
 */
export function InlineField({ label, display, readOnly, children, variant = 'row' }: InlineFieldProps) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [editing]);

  const close: CloseEditor = (how) => {
    refocus.current = how === 'keyboard';
    setEditing(false);
  };

  if (editing) return <Box py={4}>{children(close)}</Box>;

  if (variant === 'title') {
    // the heading stays a heading; the pencil button next to it (and a click on the text) edits it
    return (
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Text
          component="h1"
          fz={{ base: 'xl', sm: 26 }}
          fw={700}
          lh={1.2}
          m={0}
          style={{ overflowWrap: 'anywhere', cursor: readOnly ? undefined : 'text' }}
          onClick={readOnly ? undefined : () => setEditing(true)}
        >
          {display}
        </Text>
        {!readOnly && (
          <ActionIcon
            ref={button}
            variant="subtle"
            color="gray"
            aria-label={t('leads.detail.edit', { label })}
            onClick={() => setEditing(true)}
            mt={2}
          >
            <IconPencil size={16} />
          </ActionIcon>
        )}
      </Group>
    );
  }

  const value = (
    <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
      {display}
    </Text>
  );

  const body = readOnly ? (
    value
  ) : (
    <UnstyledButton
      ref={button}
      aria-label={t('leads.detail.edit', { label })}
      onClick={() => setEditing(true)}
      px={4}
      mx={-4}
      py={2}
      style={{ borderRadius: 4, width: '100%' }}
      className={classes.inlineEdit}
    >
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Box style={{ minWidth: 0, flex: 1 }}>{value}</Box>
        <IconPencil size={14} color="var(--mantine-color-dimmed)" aria-hidden />
      </Group>
    </UnstyledButton>
  );

  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" py={4}>
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }} pt={2}>
        {label}
      </Text>
      <Box style={{ flex: 1, minWidth: 0 }}>{body}</Box>
    </Group>
  );
}

export interface SaveState {
  error: string | null;
  saving: boolean;
}

/**
 * The save/cancel logic every editor shares: commit once (Enter and the blur that follows must not save
 * twice), keep editing with the server's message when the save fails.
 */
export function useCommit(close: CloseEditor) {
  const [state, setState] = useState<SaveState>({ error: null, saving: false });
  const done = useRef(false);
  const busy = useRef(false);
  const commit = async (
    how: 'keyboard' | 'blur',
    save: (() => Promise<unknown>) | null,
    invalid?: string,
  ) => {
    if (done.current || busy.current) return;
    if (invalid) {
      setState({ error: invalid, saving: false });
      return;
    }
    if (!save) {
      done.current = true;
      close(how);
      return;
    }
    busy.current = true;
    setState({ error: null, saving: true });
    try {
      await save();
      done.current = true;
      close(how);
    } catch (e) {
      setState({ error: e instanceof Error ? e.message : String(e), saving: false });
    } finally {
      busy.current = false;
    }
  };
  const cancel = () => {
    done.current = true;
    close('keyboard');
  };
  return { ...state, commit, cancel };
}

export interface InlineTextProps {
  label: string;
  initial: string;
  close: CloseEditor;
  onSave: (value: string) => Promise<unknown>;
  validate?: (value: string) => string | undefined;
  type?: 'text' | 'date';
  maxLength?: number;
}

/** A labelled text (or date) input: Enter or leaving it saves, Escape cancels. */
export function InlineText({
  label,
  initial,
  close,
  onSave,
  validate,
  type = 'text',
  maxLength,
}: InlineTextProps) {
  const [value, setValue] = useState(initial);
  const { error, saving, commit, cancel } = useCommit(close);
  const run = (how: 'keyboard' | 'blur') =>
    commit(
      how,
      value === initial ? null : () => onSave(value),
      value === initial ? undefined : validate?.(value),
    );
  return (
    <TextInput
      label={label}
      type={type}
      value={value}
      maxLength={maxLength}
      autoFocus
      error={error}
      readOnly={saving}
      rightSection={saving ? <Loader size={14} /> : undefined}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={() => void run('blur')}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void run('keyboard');
        } else if (e.key === 'Escape') {
          e.preventDefault();
          cancel();
        }
      }}
    />
  );
}
