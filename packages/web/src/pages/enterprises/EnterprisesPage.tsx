/**
 * 企业 (bureau staff, panel members): the enterprises of the caller's jurisdiction, searched by name or credit code on
 * the server, filtered by region and industry code, sorted and paged there; exported whole as CSV.
 */
import type { EnterpriseDto } from '@cpaudit/contract';
import { Button, Card, Flex, Input, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { apiClient } from '../../api/apiClient.ts';
import { useApi } from '../../api/hooks.ts';
import { RegionSelect } from '../../components/admin/RegionSelect.tsx';
import { ErrorIssues, PageHeading } from '../../components/admin/shared.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useTableQuery } from '../../components/useTableQuery.ts';
import { useI18n } from '../../i18n/context.ts';
import { csvFileName, downloadCsv, toCsv } from '../../lib/csv.ts';
import { toPageQuery } from '../../lib/table.ts';

const SORTS = new Set(['name', 'uscc', 'regionCode', 'industryCode', 'updatedAt']);
const EXPORT_PAGE = 500;

export default function EnterprisesPage() {
  const { t } = useI18n();
  const { query, setQuery } = useTableQuery(20);
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [industryCode, setIndustryCode] = useState<string | undefined>();
  const page = toPageQuery(query);
  const filters = {
    ...(regionCode ? { regionCode } : {}),
    ...(industryCode ? { industryCode } : {}),
  };
  const list = useApi('listEnterprises', {
    query: {
      ...page,
      sort: (page.sort && SORTS.has(page.sort) ? page.sort : 'name') as 'name',
      ...filters,
    },
  });
  const columns = useMemo<DataColumn<EnterpriseDto>[]>(
    () => [
      {
        key: 'name',
        title: t('admin.org.name'),
        value: (e) => e.name,
        sortable: true,
        render: (e) => <Link to={`/enterprises/${e.id}`}>{e.name}</Link>,
      },
      { key: 'uscc', title: t('admin.org.uscc'), value: (e) => e.uscc, sortable: true },
      {
        key: 'regionCode',
        title: t('admin.org.region'),
        value: (e) => e.regionName ?? e.regionCode,
        sortable: true,
      },
      {
        key: 'industryCode',
        title: t('admin.org.industry'),
        value: (e) => `${e.industryCode} ${e.industryName ?? ''}`,
        sortable: true,
      },
      { key: 'park', title: t('admin.ent.park'), value: (e) => e.industrialParkName },
      {
        key: 'permit',
        title: t('admin.ent.permitClass'),
        value: (e) => (e.permitClass ? t(`admin.ent.permit.${e.permitClass}`) : ''),
      },
      {
        key: 'status',
        title: t('admin.users.status'),
        value: (e) => t(`admin.ent.status.${e.status}`),
        render: (e) => (
          <Tag color={e.status === 'operating' ? 'green' : 'default'}>
            {t(`admin.ent.status.${e.status}`)}
          </Tag>
        ),
      },
    ],
    [t],
  );

  /** The whole result (every page), not just the page shown. */
  const exportAll = async () => {
    const all: EnterpriseDto[] = [];
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const r = await apiClient.call('listEnterprises', {
        query: { ...(page.q ? { q: page.q } : {}), ...filters, limit: EXPORT_PAGE, offset, sort: 'name' },
      });
      all.push(...r.items);
      if (r.items.length < EXPORT_PAGE || all.length >= r.total) break;
    }
    const cols = columns.map((c) => ({ title: c.title, value: c.value }));
    downloadCsv(csvFileName(t('admin.ent.title'), new Date()), toCsv(all, cols));
  };

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('admin.ent.title')} description={t('admin.ent.intro')} />
      {list.error ? <ErrorIssues error={list.error} /> : null}
      <Card>
        <DataTable<EnterpriseDto>
          mode="server"
          rows={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          columns={columns}
          rowKey={(e) => e.id}
          loading={list.loading}
          query={query}
          onQueryChange={setQuery}
          exportName={t('admin.ent.title')}
          onExport={exportAll}
          extra={
            <Flex gap={8}>
              <div style={{ width: 240 }}>
                <RegionSelect
                  ariaLabel={t('admin.org.region')}
                  placeholder={t('admin.org.region')}
                  allowClear
                  value={regionCode ?? null}
                  onChange={(v) => {
                    setRegionCode(v);
                    setQuery({ ...query, page: 1 });
                  }}
                />
              </div>
              <Input.Search
                allowClear
                aria-label={t('admin.org.industryCode')}
                placeholder={t('admin.ent.industryFilter')}
                style={{ width: 180 }}
                onSearch={(v) => {
                  const code = v.trim().replace(/^[A-Z]/i, '');
                  setIndustryCode(/^[0-9]{2,4}$/.test(code) ? code : undefined);
                  setQuery({ ...query, page: 1 });
                }}
              />
              <Button href={apiClient.url('exportEnterprises')} download>
                {t('admin.ent.exportXlsx')}
              </Button>
            </Flex>
          }
        />
      </Card>
    </Flex>
  );
}
