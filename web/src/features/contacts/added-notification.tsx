import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { NavigateFunction } from 'react-router';
import type { Translate } from '../../i18n/provider.tsx';

/** "Person added" / "Organization added", with a link that opens the new record. */
export function showAdded(
  t: Translate,
  navigate: NavigateFunction,
  added: { title: string; name: string; path: string },
) {
  notifications.show({
    color: 'teal',
    title: added.title,
    message: (
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={() => {
          notifications.clean();
          navigate(added.path);
        }}
      >
        {t('contacts.open', { name: added.name })}
      </Anchor>
    ),
  });
}
