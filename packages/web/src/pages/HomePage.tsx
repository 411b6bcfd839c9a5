import type { Me } from '@cpaudit/contract';
import { Alert, Card, Descriptions, Flex, Table, Typography } from 'antd';
import { useCurrentUser } from '../auth/session.ts';
import { useI18n } from '../i18n/context.ts';

type RoleRow = Me['roles'][number];

/** The dashboard for now: who you are, your roles and the organisations they belong to (from GET /api/auth/me). */
export default function HomePage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.greeting', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.intro')}
        </Typography.Paragraph>
      </div>
      <Card title={t('home.roles')}>
        <Flex vertical gap={16}>
          <Descriptions
            column={1}
            size="small"
            items={[{ key: 'u', label: t('home.username'), children: user.username }]}
          />
          {user.roles.length === 0 ? (
            <Alert type="info" showIcon title={t('home.noRoles')} />
          ) : (
            <Table<RoleRow>
              size="middle"
              pagination={false}
              rowKey={(r) => `${r.role}:${r.organizationId ?? '-'}`}
              dataSource={user.roles}
              columns={[
                { key: 'role', title: t('home.role'), render: (_, r) => t(`role.${r.role}`) },
                {
                  key: 'org',
                  title: t('home.organization'),
                  render: (_, r) =>
                    r.organizationName ?? (
                      <Typography.Text type="secondary">{t('home.organization.none')}</Typography.Text>
                    ),
                },
              ]}
            />
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
