import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { api, setCsrfToken } from './client.ts';

export interface SessionUser {
  id: number;
  name: string;
  email: string;
  is_admin: 0 | 1;
  /** Pipedrive's locale: en_US, sv_SE */
  locale: string;
}

export interface Session {
  user: SessionUser;
  company: { id: number; name: string; plan: string; default_currency: string };
  csrf_token: string | null;
}

const SessionContext = createContext<Session | null>(null);

/** The logged-in user; only used below <RequireSession>. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}

export const sessionKey = ['session'] as const;
/** whether the installation still needs its first company and admin */
export const setupKey = ['setup'] as const;

export function useSessionQuery() {
  return useQuery({
    queryKey: sessionKey,
    retry: false,
    queryFn: async (): Promise<Session | null> => {
      const res = await api.get<Session | null>('/api/ext/session');
      setCsrfToken(res.data?.csrf_token ?? null);
      return res.data;
    },
  });
}

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useLogout() {
  const qc = useQueryClient();
  return async () => {
    await api.del('/api/ext/session').catch(() => undefined);
    setCsrfToken(null);
    // The session query stays (its observer shows the log-in page); everything the user could see goes.
    // qc.clear() would also drop the query the page observes, which then never hears of the log-out.
    qc.setQueryData(sessionKey, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
  };
}

/** Logs in (POST /api/ext/session): the session answered becomes the cached one. */
export function useLogIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) =>
      (await api.post<Session>('/api/ext/session', body)).data,
    onSuccess: (session) => {
      setCsrfToken(session.csrf_token);
      qc.setQueryData(sessionKey, session);
    },
  });
}

/** Creates the first company and its admin (POST /api/ext/setup), who is then logged in. */
export function useSetUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: {
      company_name: string;
      name: string;
      email: string;
      password: string;
      locale: string;
    }) => (await api.post<Session>('/api/ext/setup', body)).data,
    onSuccess: (session) => {
      setCsrfToken(session.csrf_token);
      qc.setQueryData(setupKey, { needs_setup: false });
      qc.setQueryData(sessionKey, session);
    },
  });
}
