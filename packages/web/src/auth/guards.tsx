import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { useI18n } from '../i18n/context.ts';
import { type MenuEntry, mayOpen } from '../navigation/menu.ts';
import { StatusPage } from '../pages/StatusPage.tsx';
import { useAuth } from './session.ts';

/** Where the login page sends the user back to. */
export interface LoginRedirectState {
  readonly from?: string;
}

/** Renders the nested routes for a logged-in user; otherwise sends them to /login, remembering where they were. */
export function RequireAuth() {
  const { session } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (session.status === 'checking') return <FullPageSpin tip={t('session.checking')} />;
  if (session.status === 'anonymous') {
    const state: LoginRedirectState = { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}

/** Renders the nested route only for the roles of its menu entry; others get a 403 page. */
export function RequireRole({ entry }: { entry: MenuEntry }) {
  const { session } = useAuth();
  const roles = session.status === 'authenticated' ? session.user.roles.map((r) => r.role) : [];
  return mayOpen(entry, roles) ? <Outlet /> : <StatusPage status="403" />;
}
