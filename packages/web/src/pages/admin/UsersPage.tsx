/**
 * 用户管理 (platform admin): the accounts with their roles; create an account with its roles, disable/enable it,
 * grant and revoke roles, reset its password (the generated password is shown once).
 */
import type { Role, UserDto } from '@cpaudit/contract';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Dropdown,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { useAction, useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { RoleGrantFields, useOrgOptions } from '../../components/admin/RoleGrantFields.tsx';
import { ErrorIssues, PageHeading, showFieldError } from '../../components/admin/shared.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate } from '../../lib/format.ts';

interface RoleGrant {
  role: Role;
  bureauId?: string;
  enterpriseId?: string;
  consultingFirmId?: string;
}

interface CreateValues {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  password: string;
  roles: RoleGrant[];
}

interface ProfileValues {
  displayName: string;
  email?: string;
  phone?: string;
}

const CREATE_FIELDS = ['username', 'displayName', 'email', 'phone', 'password', 'roles'];

export default function UsersPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const users = useApi('listUsers', { query: { limit: 500 } });
  const orgs = useOrgOptions();
  const run = useAction();
  const { modal } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<unknown>();
  const [rolesOf, setRolesOf] = useState<string | undefined>();
  const [password, setPassword] = useState<{ username: string; password: string } | undefined>();
  const [form] = Form.useForm<CreateValues>();
  const [grantForm] = Form.useForm<{ grant: RoleGrant }>();

  const rows = users.data?.items ?? [];
  const selected = rows.find((u) => u.id === rolesOf);

  const setDisabled = async (u: UserDto, disabled: boolean) => {
    const name = disabled ? 'disableUser' : 'enableUser';
    const ok = await run(
      () => apiClient.call(name, { params: { id: u.id }, body: { version: u.version } }),
      t(disabled ? 'admin.users.disabledDone' : 'admin.users.enabledDone', { name: u.username }),
    );
    if (ok) users.reload();
  };

  const resetPassword = async (u: UserDto) => {
    const r = await run(() =>
      apiClient.call('resetPassword', { params: { id: u.id }, body: { version: u.version } }),
    );
    if (r?.temporaryPassword) setPassword({ username: u.username, password: r.temporaryPassword });
    if (r) users.reload();
  };

  const create = async () => {
    const values = await form.validateFields();
    setCreateError(undefined);
    try {
      await apiClient.call('createUser', {
        body: {
          username: values.username,
          displayName: values.displayName,
          email: values.email ? values.email : null,
          phone: values.phone ? values.phone : null,
          password: values.password,
          roles: values.roles,
        },
      });
      setCreating(false);
      form.resetFields();
      users.reload();
    } catch (e) {
      if (!showFieldError(form, e, CREATE_FIELDS)) setCreateError(e);
    }
  };

  const saveProfile = async (u: UserDto, v: ProfileValues) => {
    const ok = await run(
      () =>
        apiClient.call('updateUser', {
          params: { id: u.id },
          body: {
            version: u.version,
            displayName: v.displayName,
            email: v.email ? v.email : null,
            phone: v.phone ? v.phone : null,
          },
        }),
      t('admin.users.profileSaved'),
    );
    if (ok) users.reload();
  };

  const grant = async (u: UserDto) => {
    const { grant: g } = await grantForm.validateFields();
    const ok = await run(
      () => apiClient.call('grantRole', { params: { id: u.id }, body: g }),
      t('admin.users.granted'),
    );
    if (ok) {
      grantForm.resetFields();
      users.reload();
    }
  };

  const revoke = async (u: UserDto, roleId: string) => {
    const ok = await run(
      () => apiClient.call('revokeRole', { params: { id: u.id, roleId } }),
      t('admin.users.revoked'),
    );
    if (ok) users.reload();
  };

  const columns = useMemo<DataColumn<UserDto>[]>(
    () => [
      {
        key: 'username',
        title: t('admin.users.user'),
        value: (u) => `${u.username}（${u.displayName}）`,
        sortable: true,
        render: (u) => (
          <Flex vertical>
            <Typography.Text strong>{u.username}</Typography.Text>
            <Typography.Text type="secondary" style={{ maxWidth: 220 }} ellipsis={{ tooltip: u.displayName }}>
              {u.displayName}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        key: 'roles',
        title: t('admin.users.roles'),
        value: (u) =>
          u.roles
            .map((r) => `${t(`role.${r.role}`)}${r.organizationName ? ` ${r.organizationName}` : ''}`)
            .join('；'),
        render: (u) => (
          <Flex wrap gap={4} style={{ maxWidth: 380 }}>
            {u.roles.map((r) => (
              <Tag key={r.id} style={{ whiteSpace: 'normal' }}>
                {t(`role.${r.role}`)}
                {r.organizationName ? ` · ${r.organizationName}` : ''}
              </Tag>
            ))}
          </Flex>
        ),
      },
      {
        key: 'contact',
        title: t('admin.users.contact'),
        value: (u) => [u.email, u.phone].filter(Boolean).join(' / '),
      },
      {
        key: 'status',
        title: t('admin.users.status'),
        value: (u) => t(u.disabled ? 'admin.users.disabled' : 'admin.users.active'),
        render: (u) =>
          u.disabled ? (
            <Tag color="red">{t('admin.users.disabled')}</Tag>
          ) : (
            <Tag color="green">{t('admin.users.active')}</Tag>
          ),
        filter: 'auto',
      },
      {
        key: 'lastLoginAt',
        title: t('admin.users.lastLogin'),
        value: (u) => u.lastLoginAt,
        render: (u) => formatDate(u.lastLoginAt),
        sortable: true,
        searchable: false,
      },
      {
        key: 'actions',
        title: t('admin.common.actions'),
        value: () => '',
        exported: false,
        searchable: false,
        render: (u) => (
          <Space size={4}>
            <Button size="small" onClick={() => setRolesOf(u.id)}>
              {t('admin.users.manageRoles')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  ...(u.id === me.id
                    ? []
                    : [
                        u.disabled
                          ? { key: 'enable', label: t('admin.users.enable') }
                          : { key: 'disable', label: t('admin.users.disable'), danger: true },
                      ]),
                  { key: 'reset', label: t('admin.users.resetPassword') },
                ],
                onClick: ({ key }) => {
                  if (key === 'enable') void setDisabled(u, false);
                  if (key === 'disable')
                    modal.confirm({
                      title: t('admin.users.disableConfirm', { name: u.username }),
                      okButtonProps: { danger: true },
                      onOk: () => setDisabled(u, true),
                    });
                  if (key === 'reset')
                    modal.confirm({
                      title: t('admin.users.resetConfirm', { name: u.username }),
                      onOk: () => resetPassword(u),
                    });
                },
              }}
            >
              <Button size="small" aria-label={t('admin.users.more', { name: u.username })}>
                {t('admin.users.moreShort')}
              </Button>
            </Dropdown>
          </Space>
        ),
      },
    ],
    [t, me.id],
  );

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('admin.users.title')} description={t('admin.users.intro')} />
      {users.error ? <ErrorIssues error={users.error} /> : null}
      <Card>
        <DataTable<UserDto>
          rows={rows}
          columns={columns}
          rowKey={(u) => u.id}
          loading={users.loading}
          exportName={t('admin.users.title')}
          extra={
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('admin.users.create')}
            </Button>
          }
        />
      </Card>

      <Modal
        open={creating}
        title={t('admin.users.create')}
        okText={t('admin.common.save')}
        cancelText={t('admin.common.cancel')}
        onOk={create}
        onCancel={() => setCreating(false)}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ roles: [{}] }} preserve={false}>
          <Form.Item name="username" label={t('admin.users.username')} rules={[{ required: true, max: 64 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('admin.users.displayName')}
            rules={[{ required: true, max: 100 }]}
          >
            <Input />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item
              name="email"
              label={t('admin.users.email')}
              rules={[{ type: 'email' }]}
              style={{ flex: 1 }}
            >
              <Input />
            </Form.Item>
            <Form.Item name="phone" label={t('admin.users.phone')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </Flex>
          <Form.Item
            name="password"
            label={t('admin.users.initialPassword')}
            extra={t('admin.users.initialPasswordHint')}
            rules={[{ required: true }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.List name="roles">
            {(fields, { add, remove }) => (
              <Flex vertical gap={0}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={12} align="start" wrap>
                    <RoleGrantFields name={[f.name]} path={['roles', f.name]} orgs={orgs} />
                    {fields.length > 1 ? (
                      <Button style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                        {t('admin.common.remove')}
                      </Button>
                    ) : null}
                  </Flex>
                ))}
                <Button onClick={() => add({})} style={{ alignSelf: 'start' }}>
                  {t('admin.users.addRole')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form>
        {createError ? (
          <div style={{ marginTop: 12 }}>
            <ErrorIssues error={createError} />
          </div>
        ) : null}
      </Modal>

      <Drawer
        open={selected !== undefined}
        onClose={() => setRolesOf(undefined)}
        title={selected ? t('admin.users.rolesOf', { name: selected.displayName }) : ''}
        size={560}
      >
        {selected ? (
          <Flex vertical gap={16}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'u', label: t('admin.users.username'), children: selected.username },
                {
                  key: 'm',
                  label: t('admin.users.mustChange'),
                  children: t(selected.mustChangePassword ? 'admin.common.yes' : 'admin.common.no'),
                },
              ]}
            />
            <Card size="small" title={t('admin.users.profile')}>
              <Form<ProfileValues>
                key={`${selected.id}:${selected.version}`}
                layout="vertical"
                initialValues={{
                  displayName: selected.displayName,
                  email: selected.email ?? '',
                  phone: selected.phone ?? '',
                }}
                onFinish={(v) => saveProfile(selected, v)}
              >
                <Form.Item
                  name="displayName"
                  label={t('admin.users.displayName')}
                  rules={[{ required: true, max: 100 }]}
                >
                  <Input />
                </Form.Item>
                <Flex gap={12}>
                  <Form.Item
                    name="email"
                    label={t('admin.users.email')}
                    rules={[{ type: 'email' }]}
                    style={{ flex: 1 }}
                  >
                    <Input />
                  </Form.Item>
                  <Form.Item name="phone" label={t('admin.users.phone')} style={{ flex: 1 }}>
                    <Input />
                  </Form.Item>
                </Flex>
                <Button htmlType="submit">{t('admin.common.save')}</Button>
              </Form>
            </Card>
            <Flex vertical gap={8}>
              {selected.roles.map((r) => (
                <Flex key={r.id} justify="space-between" align="center">
                  <span>
                    <Tag>{t(`role.${r.role}`)}</Tag>
                    {r.organizationName ?? ''}
                  </span>
                  <Popconfirm title={t('admin.users.revokeConfirm')} onConfirm={() => revoke(selected, r.id)}>
                    <Button size="small" danger disabled={selected.roles.length <= 1}>
                      {t('admin.users.revoke')}
                    </Button>
                  </Popconfirm>
                </Flex>
              ))}
            </Flex>
            <Card size="small" title={t('admin.users.grant')}>
              <Form form={grantForm} layout="vertical">
                <RoleGrantFields name={['grant']} path={['grant']} orgs={orgs} />
                <Button type="primary" onClick={() => grant(selected)}>
                  {t('admin.users.grant')}
                </Button>
              </Form>
            </Card>
          </Flex>
        ) : null}
      </Drawer>

      <Modal
        open={password !== undefined}
        title={t('admin.users.newPasswordTitle')}
        onOk={() => setPassword(undefined)}
        onCancel={() => setPassword(undefined)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('admin.common.done')}
      >
        {password ? (
          <Flex vertical gap={8}>
            <Typography.Text>{t('admin.users.newPasswordFor', { name: password.username })}</Typography.Text>
            <Typography.Text
              code
              copyable
              style={{ fontSize: 18 }}
              aria-label={t('admin.users.newPasswordTitle')}
            >
              {password.password}
            </Typography.Text>
            <Typography.Text type="secondary">{t('admin.users.newPasswordOnce')}</Typography.Text>
          </Flex>
        ) : null}
      </Modal>
    </Flex>
  );
}
