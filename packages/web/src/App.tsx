/**
 * Providers and routes. The routes are: /login, the pages of the menu table that exist (each behind its roles),
 * and a 404 for everything else; all but /login require a session.
 */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AuthProvider } from './auth/AuthProvider.tsx';
import { RequireAuth, RequireRole } from './auth/guards.tsx';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { useI18n } from './i18n/context.ts';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { routedEntries } from './navigation/menu.ts';
import LoginPage from './pages/LoginPage.tsx';
import { RouteError } from './pages/RouteError.tsx';
import NotFoundPage from './pages/StatusPage.tsx';
import { theme } from './theme.ts';

function pageRoutes(): RouteObject[] {
  return routedEntries().map((entry) => {
    const load = entry.page;
    const lazy = async () => {
      if (!load) throw new Error(`No page for ${entry.key}`);
      return { Component: (await load()).default };
    };
    return {
      id: entry.key,
      element: <RequireRole entry={entry} />,
      children: [entry.path === '/' ? { index: true, lazy } : { path: entry.path, lazy }],
    };
  });
}

const routes: RouteObject[] = [
  {
    ErrorBoundary: RouteError,
    HydrateFallback: () => <FullPageSpin tip="" />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [
          { element: <AppLayout />, children: [...pageRoutes(), { path: '*', element: <NotFoundPage /> }] },
        ],
      },
    ],
  },
];

const router = createBrowserRouter(routes);

function ThemedApp({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={theme}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <ThemedApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </ThemedApp>
    </I18nProvider>
  );
}
