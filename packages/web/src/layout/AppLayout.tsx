import { Avatar, Dropdown, Flex, Layout, Menu, type MenuProps, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import { useAuth, useCurrentUser } from '../auth/session.ts';
import { Logo } from '../components/Logo.tsx';
import { useI18n } from '../i18n/context.ts';
import { LOCALES } from '../i18n/messages.ts';
import { entryForPath, menuFor } from '../navigation/menu.ts';

const SIDER_WIDTH = 224;

/** The frame of every page after login: top bar (product, user menu), side menu by role, content. */
export function AppLayout() {
  const { t, locale, setLocale } = useI18n();
  const { logout } = useAuth();
  const user = useCurrentUser();
  const location = useLocation();
  const navigation = useNavigation();
  const [loggingOut, setLoggingOut] = useState(false);

  const menuItems = useMemo<MenuProps['items']>(
    () =>
      menuFor(user.roles.map((r) => r.role)).map((section) => ({
        type: 'group',
        key: section.group,
        label: t(section.label),
        children: section.entries.map((e) => ({
          key: e.key,
          disabled: !e.available,
          label: e.available ? (
            <Link to={e.path}>{t(e.label)}</Link>
          ) : (
            <Flex justify="space-between" align="center" gap={8}>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{t(e.label)}</span>
              <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
                {t('menu.planned')}
              </Tag>
            </Flex>
          ),
        })),
      })),
    [user.roles, t],
  );
  const selected = entryForPath(location.pathname);

  const userMenu: MenuProps = {
    selectable: true,
    selectedKeys: [`lang:${locale}`],
    items: [
      {
        key: 'lang',
        type: 'group',
        label: t('lang.label'),
        children: LOCALES.map((l) => ({ key: `lang:${l}`, label: t(`lang.${l}`) })),
      },
      { type: 'divider' },
      {
        key: 'logout',
        danger: true,
        label: loggingOut ? t('user.loggingOut') : t('user.logout'),
        disabled: loggingOut,
      },
    ],
    onClick: ({ key }) => {
      const lang = LOCALES.find((l) => key === `lang:${l}`);
      if (lang) setLocale(lang);
      if (key === 'logout') {
        setLoggingOut(true);
        void logout().finally(() => setLoggingOut(false));
      }
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {navigation.state === 'loading' ? <div className="cp-route-progress" role="progressbar" /> : null}
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 12, position: 'sticky', top: 0, zIndex: 10 }}
      >
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 12, color: '#fff', minWidth: 0 }}>
          <Logo />
          <span
            style={{
              fontSize: 17,
              fontWeight: 600,
              letterSpacing: locale === 'zh-CN' ? 1 : 0,
              whiteSpace: 'nowrap',
            }}
          >
            {t('app.name')}
          </span>
          <span style={{ fontSize: 13, opacity: 0.7 }}>{t('app.shortName')}</span>
        </Link>
        <div style={{ flex: 1 }} />
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <button
            type="button"
            aria-label={t('user.menu')}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 8,
              background: 'transparent',
              border: 0,
              color: '#fff',
              cursor: 'pointer',
              padding: '4px 8px',
              font: 'inherit',
            }}
          >
            <Avatar size="small" style={{ background: '#5fb8b0' }}>
              {user.displayName.slice(0, 1)}
            </Avatar>
            <span
              style={{ whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}
            >
              {user.displayName}
            </span>
          </button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={SIDER_WIDTH}
          breakpoint="lg"
          collapsedWidth={0}
          style={{
            borderInlineEnd: '1px solid #e5ebeb',
            position: 'sticky',
            top: 56,
            height: 'calc(100vh - 56px)',
            overflow: 'auto',
          }}
        >
          <Menu
            mode="inline"
            items={menuItems}
            selectedKeys={selected ? [selected.key] : []}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <main style={{ maxWidth: 1440, margin: '0 auto' }}>
            <Outlet />
          </main>
          <Typography.Paragraph
            type="secondary"
            style={{ textAlign: 'center', marginTop: 32, marginBottom: 0, fontSize: 12 }}
          >
            {t('app.footer')}
          </Typography.Paragraph>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
