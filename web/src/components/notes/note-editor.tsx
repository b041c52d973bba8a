import { ActionIcon, Box, Button, Group, Input, Tooltip } from '@mantine/core';
import { IconBold, IconItalic, IconList, IconListNumbers } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useUsers } from '../../api/users.ts';
import { useT } from '../../i18n/provider.tsx';
import { MentionList, mentionOptionId } from './mention-list.tsx';
import {
  insertMention,
  isBlank,
  lockMentions,
  type MentionQuery,
  matchUsers,
  mentionQueryAtCaret,
} from './mentions.ts';
import classes from './notes.module.css';

export interface NoteEditorProps {
  /** HTML to start from (editing a note); empty for a new note */
  initialHtml?: string;
  submitLabel: string;
  /** saves the HTML; the editor clears itself when it resolves and `clearOnSubmit` is set */
  onSubmit: (html: string) => Promise<unknown>;
  onCancel?: () => void;
  clearOnSubmit?: boolean;
  autoFocus?: boolean;
  /** visible label above the editor; its accessible name stays "Note" */
  label?: string;
}

const FORMATS = [
  { command: 'bold', label: 'notes.bold', icon: IconBold },
  { command: 'italic', label: 'notes.italic', icon: IconItalic },
  { command: 'insertUnorderedList', label: 'notes.bulletedList', icon: IconList },
  { command: 'insertOrderedList', label: 'notes.numberedList', icon: IconListNumbers },
] as const;

/**
 * A small rich-text editor (a contentEditable div) with Bold/Italic/List buttons and @mentions: "@" opens
 * a list of up to 8 users narrowing as you type; picking one inserts the mention markup. The notes API
 * sanitises what is sent. Ctrl/⌘+Enter saves, Escape cancels (when editing).
 */
export function NoteEditor(props: NoteEditorProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const listId = useId();
  const labelId = useId();
  const users = useUsers();
  const [empty, setEmpty] = useState(!props.initialHtml);
  const [saving, setSaving] = useState(false);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);

  const { initialHtml, autoFocus } = props;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.innerHTML = initialHtml ?? '';
    lockMentions(el);
    setEmpty(isBlank(el));
    if (autoFocus) el.focus();
  }, [initialHtml, autoFocus]);

  const options = mention ? matchUsers(users.data ?? [], mention.query) : [];
  const open = mention !== null && options.length > 0;

  const refresh = () => {
    const el = ref.current;
    if (!el) return;
    setEmpty(isBlank(el));
    const at = mentionQueryAtCaret(el);
    // a query with a space that matches nobody is just text
    if (at?.query.includes(' ') && matchUsers(users.data ?? [], at.query).length === 0) {
      setMention(null);
      return;
    }
    if (at?.query !== mention?.query) setActive(0);
    setMention(at);
  };

  const pick = (index: number) => {
    const user = options[index];
    if (!mention || !user || !ref.current) return;
    ref.current.focus();
    insertMention(mention, user);
    setMention(null);
    setEmpty(false);
  };

  const submit = async () => {
    const el = ref.current;
    if (!el || isBlank(el) || saving) return;
    setSaving(true);
    try {
      await props.onSubmit(el.innerHTML);
      if (props.clearOnSubmit) {
        el.innerHTML = '';
        setEmpty(true);
      }
    } catch {
      // the caller shows the error; the text stays for another try
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + options.length) % options.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(active);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setMention(null);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && props.onCancel) {
      e.preventDefault();
      props.onCancel();
    }
  };

  const format = (command: string) => {
    ref.current?.focus();
    document.execCommand(command);
    refresh();
  };

  return (
    <Box>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Input.Label id={labelId}>{props.label ?? t('notes.label')}</Input.Label>
        <Group gap={2} role="toolbar" aria-label={t('notes.formatting')}>
          {FORMATS.map((f) => (
            <Tooltip key={f.command} label={t(f.label)} withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={t(f.label)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => format(f.command)}
              >
                <f.icon size={16} />
              </ActionIcon>
            </Tooltip>
          ))}
        </Group>
      </Group>
      <Box pos="relative">
        {/* biome-ignore lint/a11y/useSemanticElements: a rich-text editor cannot be a textarea */}
        <div
          ref={ref}
          className={classes.editor}
          contentEditable
          role="textbox"
          tabIndex={0}
          aria-multiline="true"
          aria-label={t('notes.label')}
          aria-describedby={labelId}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? mentionOptionId(listId, active) : undefined}
          data-empty={empty}
          data-placeholder={t('notes.placeholder')}
          onInput={refresh}
          onKeyUp={(e) => {
            if (e.key.startsWith('Arrow') && !open) refresh();
          }}
          onMouseUp={refresh}
          onKeyDown={onKeyDown}
          onBlur={() => setMention(null)}
        />
        {open && (
          <MentionList
            id={listId}
            users={options}
            active={active}
            onPick={(u) => pick(options.indexOf(u))}
            onHover={setActive}
          />
        )}
      </Box>
      <Group justify="flex-end" mt="xs" gap="xs">
        {props.onCancel && (
          <Button variant="default" size="xs" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button size="xs" onClick={() => void submit()} loading={saving} disabled={empty}>
          {props.submitLabel}
        </Button>
      </Group>
    </Box>
  );
}
