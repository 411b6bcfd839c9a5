/**
 * Which enterprise the "本企业" pages show. The enterprise is kept in the URL (`?enterprise=<id>`), so a link or a
 * reload shows the same one. The choices come from `listEnterprises` (scoped by the API: an enterprise user sees its
 * own, a consultant the enterprises that engaged it). A user with a single enterprise never sees the picker; an id
 * in the URL that is not among the choices is still passed to the page, whose API call then answers 404 ("not
 * found or not yours") — the API is the guard, not this list.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useApi } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';

export type EnterpriseRow = ResponseOf<Api['listEnterprises']>['items'][number];

export interface EnterpriseScope {
  /** The chosen enterprise id; undefined while the list loads or when the user has none. */
  readonly enterpriseId: string | undefined;
  /** The chosen enterprise, when it is one of the user's. */
  readonly enterprise: EnterpriseRow | undefined;
  readonly enterprises: readonly EnterpriseRow[];
  readonly loading: boolean;
  readonly error: unknown;
  /** The picker (only when there is a choice to make), for the page header. */
  readonly picker: ReactNode;
}

export const ENTERPRISE_PARAM = 'enterprise';

export function useEnterpriseScope(): EnterpriseScope {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const list = useApi('listEnterprises', { query: { limit: 500, sort: 'name' } });
  const enterprises = list.data?.items ?? [];
  const requested = params.get(ENTERPRISE_PARAM) ?? undefined;
  const enterpriseId = requested ?? enterprises[0]?.id;
  const enterprise = enterprises.find((e) => e.id === enterpriseId);
  const picker =
    enterprises.length > 1 ? (
      <Space>
        <Typography.Text type="secondary">{t('enterprise.scope.label')}</Typography.Text>
        <Select
          aria-label={t('enterprise.scope.label')}
          style={{ minWidth: 280 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={enterprise ? enterprise.id : undefined}
          placeholder={t('enterprise.scope.placeholder')}
          options={enterprises.map((e) => ({ value: e.id, label: e.name }))}
          onChange={(id: string) => {
            const next = new URLSearchParams(params);
            next.set(ENTERPRISE_PARAM, id);
            setParams(next);
          }}
        />
      </Space>
    ) : null;
  return { enterpriseId, enterprise, enterprises, loading: list.loading, error: list.error, picker };
}
