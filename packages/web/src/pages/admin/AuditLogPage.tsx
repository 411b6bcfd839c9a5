/**
 * 审计日志: who did what, when, to which record, with the before/after of each row write (password hashes arrive
 * fingerprinted). Admins see everything; bureau staff see entries about enterprises of their jurisdiction and their
 * own actions (the API decides). Filtered on the server by table, action, user and time; searched in the page.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { changedFields, type DiffRow, diffRows } from '../../components/admin/logic.ts';
import { ErrorIssues, PageHeading } from '../../components/admin/shared.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/context.ts';
import { actionLabel, entityLabel } from './auditLogLabels.ts';

type Entry = ResponseOf<Api['listAuditLog']>['items'][number];

const LIMIT = 500;
const ACTIONS = ['insert', 'update', 'delete', 'login', 'logout', 'login_failed', 'export'] as const;
const ACTION_COLORS: Record<string, string> = { insert: 'green', update: 'blue', delete: 'red' };

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false });
}

function EntryDrawer({ entry, onClose }: { entry: Entry | undefined; onClose: () => void }) {
  const { t, locale } = useI18n();
  const rows = useMemo(() => (entry ? diffRows(entry.before, entry.after) : []), [entry]);
  const [changedOnly, setChangedOnly] = useState(true);
  return (
    <Drawer open={entry !== undefined} onClose={onClose} size={820} title={t('admin.log.entry')}>
      {entry ? (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'at', label: t('admin.log.at'), children: formatTime(entry.at) },
              { key: 'who', label: t('admin.log.actor'), children: entry.actorName ?? t('admin.log.system') },
              { key: 'entity', label: t('admin.log.entity'), children: entityLabel(entry.entity, locale) },
              { key: 'action', label: t('admin.log.action'), children: actionLabel(entry.action, locale) },
              { key: 'id', label: t('admin.log.entityId'), children: entry.entityId ?? '—' },
              { key: 'ip', label: t('admin.log.ip'), children: entry.actorIp ?? '—' },
              { key: 'req', label: t('admin.log.request'), children: entry.requestId ?? '—' },
              { key: 'note', label: t('admin.log.note'), children: entry.note ?? '—' },
            ]}
          />
          {rows.length === 0 ? (
            <Typography.Text type="secondary">{t('admin.log.noData')}</Typography.Text>
          ) : (
            <>
              <Select
                value={changedOnly ? 'changed' : 'all'}
                onChange={(v) => setChangedOnly(v === 'changed')}
                options={[
                  { value: 'changed', label: t('admin.log.changedOnly') },
                  { value: 'all', label: t('admin.log.allFields') },
                ]}
                style={{ width: 200 }}
              />
              <Table<DiffRow>
                size="small"
                rowKey={(r) => r.field}
                pagination={false}
                aria-label={t('admin.log.diff')}
                dataSource={changedOnly ? rows.filter((r) => r.changed) : rows}
                columns={[
                  { key: 'field', title: t('admin.log.field'), render: (_, r) => <code>{r.field}</code> },
                  {
                    key: 'before',
                    title: t('admin.log.before'),
                    render: (_, r) => (
                      <Typography.Text
                        delete={r.changed && r.before !== ''}
                        type={r.changed ? 'danger' : undefined}
                      >
                        {r.before}
                      </Typography.Text>
                    ),
                  },
                  {
                    key: 'after',
                    title: t('admin.log.after'),
                    render: (_, r) => (
                      <Typography.Text type={r.changed ? 'success' : undefined} strong={r.changed}>
                        {r.after}
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            </>
          )}
        </Flex>
      ) : null}
    </Drawer>
  );
}

export default function AuditLogPage() {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const isAdmin = me.roles.some((r) => r.role === 'platform_admin');
  const [entity, setEntity] = useState<string | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [actor, setActor] = useState<string | undefined>();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [open, setOpen] = useState<Entry | undefined>();
  const users = useApi('listUsers', isAdmin ? { query: { limit: 500 } } : null);
  const query = {
    limit: LIMIT,
    ...(entity ? { entity } : {}),
    ...(action ? { action } : {}),
    ...(actor ? { actorUserId: actor } : {}),
    ...(period?.[0] ? { from: period[0].startOf('day').toISOString() } : {}),
    ...(period?.[1] ? { to: period[1].add(1, 'day').startOf('day').toISOString() } : {}),
  };
  const log = useApi('listAuditLog', { query });
  const columns = useMemo<DataColumn<Entry>[]>(
    () => [
      {
        key: 'at',
        title: t('admin.log.at'),
        value: (e) => e.at,
        render: (e) => formatTime(e.at),
        sortable: true,
      },
      {
        key: 'actor',
        title: t('admin.log.actor'),
        value: (e) => e.actorName ?? t('admin.log.system'),
        filter: 'auto',
      },
      {
        key: 'entity',
        title: t('admin.log.entity'),
        value: (e) => entityLabel(e.entity, locale),
        filter: 'auto',
      },
      {
        key: 'action',
        title: t('admin.log.action'),
        value: (e) => actionLabel(e.action, locale),
        render: (e) => (
          <Tag color={ACTION_COLORS[e.action] ?? 'default'}>{actionLabel(e.action, locale)}</Tag>
        ),
        filter: 'auto',
      },
      { key: 'entityId', title: t('admin.log.entityId'), value: (e) => e.entityId },
      {
        key: 'changed',
        title: t('admin.log.changedFields'),
        value: (e) => changedFields(e.before, e.after).join(', '),
        render: (e) => {
          const text = changedFields(e.before, e.after).join(', ');
          return (
            <Typography.Text style={{ maxWidth: 280 }} ellipsis={{ tooltip: text }}>
              {text}
            </Typography.Text>
          );
        },
      },
      {
        key: 'open',
        title: t('admin.common.actions'),
        value: () => '',
        exported: false,
        searchable: false,
        render: (e) => (
          <Button size="small" onClick={() => setOpen(e)}>
            {t('admin.log.details')}
          </Button>
        ),
      },
    ],
    [t, locale],
  );
  const total = log.data?.total ?? 0;
  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('admin.log.title')}
        description={t(isAdmin ? 'admin.log.introAdmin' : 'admin.log.introBureau')}
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={12} wrap align="center">
            <Input.Search
              allowClear
              aria-label={t('admin.log.entity')}
              placeholder={t('admin.log.entityPlaceholder')}
              onSearch={(v) => setEntity(/^[a-z][a-z0-9_.]*$/.test(v.trim()) ? v.trim() : undefined)}
              style={{ width: 220 }}
            />
            <Select
              allowClear
              aria-label={t('admin.log.action')}
              placeholder={t('admin.log.action')}
              value={action}
              onChange={setAction}
              options={ACTIONS.map((a) => ({ value: a, label: actionLabel(a, locale) }))}
              style={{ width: 160 }}
            />
            {isAdmin ? (
              <Select
                allowClear
                aria-label={t('admin.log.actor')}
                placeholder={t('admin.log.actor')}
                value={actor}
                onChange={setActor}
                showSearch={{ optionFilterProp: 'label' }}
                options={(users.data?.items ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.displayName}（${u.username}）`,
                }))}
                style={{ width: 240 }}
              />
            ) : null}
            <DatePicker.RangePicker
              value={period}
              onChange={(v) => setPeriod(v)}
              aria-label={t('admin.log.period')}
            />
          </Flex>
          {total > LIMIT ? (
            <Alert type="info" showIcon title={t('admin.log.truncated', { limit: LIMIT, total })} />
          ) : null}
          {log.error ? <ErrorIssues error={log.error} /> : null}
          <DataTable<Entry>
            rows={log.data?.items ?? []}
            columns={columns}
            rowKey={(e) => e.id}
            loading={log.loading}
            exportName={t('admin.log.title')}
          />
        </Flex>
      </Card>
      <EntryDrawer entry={open} onClose={() => setOpen(undefined)} />
    </Flex>
  );
}
