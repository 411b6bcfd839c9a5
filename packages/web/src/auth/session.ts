import type { Me } from '@cpaudit/contract';
import { createContext, useContext } from 'react';

export type SessionState =
  | { readonly status: 'checking' }
  | { readonly status: 'anonymous'; readonly reason?: 'expired' | 'unreachable' | 'loggedOut' }
  | { readonly status: 'authenticated'; readonly user: Me };

export interface Auth {
  readonly session: SessionState;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** The logged-in user; only for components rendered behind `RequireAuth`. */
export function useCurrentUser(): Me {
  const { session } = useAuth();
  if (session.status !== 'authenticated') throw new Error('useCurrentUser outside an authenticated route');
  return session.user;
}
