/**
 * 行政区划 (platform admin): the province → city → county tree with GB/T 2260 codes; add a region under another,
 * rename it or (de)activate it. Searchable by name or code (the tree keeps the path to each match).
 */
import { Button, Card, Flex, Form, Input, Space, Switch, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { useApi } from '../../api/hooks.ts';
import { FormModal } from '../../components/admin/FormModal.tsx';
import { filterRegionTree, type RegionRow } from '../../components/admin/logic.ts';
import { ErrorIssues, PageHeading } from '../../components/admin/shared.tsx';
import { useI18n } from '../../i18n/context.ts';

type Row = RegionRow;

export default function RegionsPage() {
  const { t } = useI18n();
  const tree = useApi('getRegionTree', { query: { includeInactive: 'true' } });
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState<{ parent: Row | null } | undefined>();
  const [editing, setEditing] = useState<Row | undefined>();
  const rows = useMemo(() => filterRegionTree(tree.data?.roots ?? [], q), [tree.data, q]);

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('admin.regions.title')} description={t('admin.regions.intro')} />
      {tree.error ? <ErrorIssues error={tree.error} /> : null}
      <Card>
        <Flex vertical gap={12}>
          <Flex justify="space-between" gap={12} wrap>
            <Input.Search
              allowClear
              aria-label={t('admin.regions.search')}
              placeholder={t('admin.regions.search')}
              onSearch={setQ}
              style={{ width: 280 }}
            />
            <Button type="primary" onClick={() => setAdding({ parent: null })}>
              {t('admin.regions.addProvince')}
            </Button>
          </Flex>
          <Table<Row>
            size="small"
            rowKey={(r) => r.code}
            loading={tree.loading}
            dataSource={rows}
            pagination={false}
            expandable={q.trim() === '' ? undefined : { defaultExpandAllRows: true }}
            key={q}
            columns={[
              { key: 'name', title: t('admin.regions.name'), dataIndex: 'name' },
              { key: 'code', title: t('admin.regions.code'), dataIndex: 'code' },
              {
                key: 'level',
                title: t('admin.regions.level'),
                render: (_, r) => t(`admin.regions.level.${r.level}`),
              },
              {
                key: 'active',
                title: t('admin.users.status'),
                render: (_, r) =>
                  r.active ? (
                    <Tag color="green">{t('admin.regions.active')}</Tag>
                  ) : (
                    <Tag>{t('admin.regions.inactive')}</Tag>
                  ),
              },
              {
                key: 'actions',
                title: t('admin.common.actions'),
                render: (_, r) => (
                  <Space size={4}>
                    <Button size="small" onClick={() => setEditing(r)}>
                      {t('admin.common.edit')}
                    </Button>
                    {r.level === 'county' ? null : (
                      <Button size="small" onClick={() => setAdding({ parent: r })}>
                        {t('admin.regions.addChild')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Flex>
      </Card>
      <FormModal<{ code: string; name: string }>
        open={adding !== undefined}
        title={
          adding?.parent
            ? t('admin.regions.addUnder', { name: adding.parent.name })
            : t('admin.regions.addProvince')
        }
        fields={['code', 'name', 'parentCode']}
        onClose={() => setAdding(undefined)}
        onSubmit={async (v) => {
          await apiClient.call('createRegion', {
            body: { code: v.code, name: v.name, parentCode: adding?.parent?.code ?? null },
          });
          tree.reload();
        }}
      >
        <Form.Item
          name="code"
          label={t('admin.regions.code')}
          extra={t('admin.regions.codeHint')}
          rules={[{ required: true, pattern: /^[1-9][0-9]{5}$/, message: t('admin.regions.codeInvalid') }]}
        >
          <Input maxLength={6} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.regions.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
      </FormModal>
      <FormModal<{ name: string; active: boolean }>
        key={editing?.code ?? 'none'}
        open={editing !== undefined}
        title={editing ? t('admin.regions.editTitle', { name: editing.name }) : ''}
        fields={['name', 'active']}
        initialValues={editing ? { name: editing.name, active: editing.active } : {}}
        onClose={() => setEditing(undefined)}
        onSubmit={async (v) => {
          if (!editing) return;
          // The tree carries no version: read the region's current one just before changing it.
          const found = await apiClient.call('listRegions', { query: { q: editing.code, limit: 5 } });
          const region = found.items.find((r) => r.code === editing.code);
          if (!region) throw new Error(t('admin.common.notYours'));
          await apiClient.call('updateRegion', {
            params: { code: editing.code },
            body: { version: region.version, name: v.name, active: v.active },
          });
          tree.reload();
        }}
      >
        <Form.Item name="name" label={t('admin.regions.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="active" label={t('admin.regions.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
