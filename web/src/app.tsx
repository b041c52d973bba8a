import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { api } from './api/client.ts';
import { SessionProvider, setupKey, useSessionQuery } from './api/session.tsx';
import { Layout } from './components/layout.tsx';
import { ErrorState, Loading } from './components/states.tsx';
import { LoginPage } from './features/auth/login-page.tsx';
import { SetupPage } from './features/auth/setup-page.tsx';
import { languageOfLocale } from './i18n/language.ts';
import { useLanguage } from './i18n/provider.tsx';
import { appRoutes } from './routes.tsx';

function Gate() {
  const session = useSessionQuery();
  const setup = useQuery({
    queryKey: setupKey,
    queryFn: async () => (await api.get<{ needs_setup: boolean }>('/api/ext/setup')).data,
    enabled: session.data === null,
  });
  // Logged in, the user's own language wins (and is remembered on this device for the log-in page).
  const { setLanguage } = useLanguage();
  const locale = session.data?.user.locale;
  useEffect(() => {
    if (locale) setLanguage(languageOfLocale(locale));
  }, [locale, setLanguage]);
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} />;
  if (!session.data) {
    if (setup.isPending) return <Loading />;
    return setup.data?.needs_setup ? <SetupPage /> : <LoginPage />;
  }
  return (
    <SessionProvider session={session.data}>
      <Routes>
        <Route element={<Layout />}>
          {appRoutes}
          <Route path="*" element={<Navigate to="/leads" replace />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Gate />
    </BrowserRouter>
  );
}
