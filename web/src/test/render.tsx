import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type RenderResult, render } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { type Session, SessionProvider } from '../api/session.tsx';
import { I18nProvider } from '../i18n/provider.tsx';
import { theme } from '../theme.ts';

/** The session the components see: an admin of a company that counts in SEK. */
export const testSession: Session = {
  user: { id: 1, name: 'Test User', email: 'test@example.com', is_admin: 1, locale: 'en_US' },
  company: { id: 1, name: 'Test AB', plan: 'gold', default_currency: 'SEK' },
  csrf_token: null,
};

export interface Rendered extends RenderResult {
  user: UserEvent;
  queryClient: QueryClient;
}

/**
 * Renders a component as the app does: Mantine with the app's theme, the English catalogue (the browser's language is en-US), a fresh
 * QueryClient (no retries), a session and a router. `user` types and clicks as a person does.
 */
export function renderWithApp(
  ui: ReactNode,
  { session = testSession, queryClient }: { session?: Session; queryClient?: QueryClient } = {},
): Rendered {
  const client =
    queryClient ??
    new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  localStorage.clear();
  const user = userEvent.setup();
  const result = render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={client}>
        <I18nProvider>
          <SessionProvider session={session}>
            <MemoryRouter>{ui}</MemoryRouter>
          </SessionProvider>
        </I18nProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, user, queryClient: client };
}
