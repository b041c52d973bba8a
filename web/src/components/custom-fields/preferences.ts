import { useLocalStorage } from '@mantine/hooks';
import { useSession } from '../../api/session.tsx';

/**
 * A choice of the logged-in user remembered in this browser (localStorage), per company and user:
 * the field on the deal cards, the custom columns of a list, its custom-field filter.
 */
export function useUserPreference<T>(name: string, defaultValue: T) {
  const { user, company } = useSession();
  return useLocalStorage<T>({
    key: `pipewright:${company.id}:${user.id}:${name}`,
    defaultValue,
    getInitialValueInEffect: false,
  });
}
