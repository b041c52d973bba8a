import { Paper, Text, UnstyledButton } from '@mantine/core';
import type { User } from '../../api/users.ts';
import { useT } from '../../i18n/provider.tsx';
import classes from './notes.module.css';

export interface MentionListProps {
  id: string;
  users: User[];
  active: number;
  onPick: (user: User) => void;
  onHover: (index: number) => void;
}

export const mentionOptionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** The users an "@" can mention; picked with the mouse or with the arrow keys and Enter in the editor. */
export function MentionList({ id, users, active, onPick, onHover }: MentionListProps) {
  const t = useT();
  return (
    <Paper className={classes.mentions} shadow="md" withBorder p={4}>
      <div id={id} role="listbox" aria-label={t('notes.mention')}>
        {users.map((u, i) => (
          <UnstyledButton
            key={u.id}
            id={mentionOptionId(id, i)}
            role="option"
            aria-selected={i === active}
            tabIndex={-1}
            display="block"
            w="100%"
            px="xs"
            py={4}
            style={{
              borderRadius: 4,
              background: i === active ? 'var(--mantine-primary-color-light)' : undefined,
            }}
            // keep the caret in the editor: the pick needs its selection
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => onHover(i)}
            onClick={() => onPick(u)}
          >
            <Text size="sm">{u.name}</Text>
            <Text size="xs" c="dimmed">
              {u.email}
            </Text>
          </UnstyledButton>
        ))}
      </div>
    </Paper>
  );
}
