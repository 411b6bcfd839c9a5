/**
 * The session: who is logged in, checked once at start (GET /api/auth/me), set by login and cleared by logout or
 * when any request answers UNAUTHENTICATED (session expired). The CSRF token from login/me is handed to the
 * API client, which sends it on every state-changing request.
 */
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { apiClient } from '../api/apiClient.ts';
import { type ApiClient, ApiError } from '../api/client.ts';
import { type Auth, AuthContext, type SessionState } from './session.ts';

export function AuthProvider({ children, client = apiClient }: { children: ReactNode; client?: ApiClient }) {
  const [session, setSession] = useState<SessionState>({ status: 'checking' });

  useEffect(() => {
    let cancelled = false;
    client.onUnauthenticated = () => {
      client.setCsrfToken(null);
      setSession((s) => (s.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : s));
    };
    client.call('me').then(
      ({ user, csrfToken }) => {
        if (cancelled) return;
        client.setCsrfToken(csrfToken);
        setSession({ status: 'authenticated', user });
      },
      (e: unknown) => {
        if (cancelled) return;
        const unreachable = e instanceof ApiError && e.isUnreachable;
        setSession(unreachable ? { status: 'anonymous', reason: 'unreachable' } : { status: 'anonymous' });
      },
    );
    return () => {
      cancelled = true;
      client.onUnauthenticated = undefined;
    };
  }, [client]);

  const login = useCallback(
    async (username: string, password: string) => {
      const { user, csrfToken } = await client.call('login', { body: { username, password } });
      client.setCsrfToken(csrfToken);
      setSession({ status: 'authenticated', user });
      return user;
    },
    [client],
  );

  const logout = useCallback(async () => {
    try {
      await client.call('logout');
    } catch {
      // The session is dropped locally in any case; an unreachable server must not keep the user "logged in".
    }
    client.setCsrfToken(null);
    setSession({ status: 'anonymous', reason: 'loggedOut' });
  }, [client]);

  const value = useMemo<Auth>(() => ({ session, login, logout }), [session, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
