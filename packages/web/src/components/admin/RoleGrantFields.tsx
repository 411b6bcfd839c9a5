/**
 * A role and, for roles scoped to an organisation, the organisation (bureau for bureau staff, enterprise for an
 * enterprise user, consulting firm for a consultant), as fields of an antd form under `name`.
 */
import type { Role } from '@cpaudit/contract';
import { Form, Select } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { orgFieldOf, ROLE_VALUES } from './logic.ts';

export interface OrgOptions {
  readonly bureaus: { value: string; label: string }[];
  readonly enterprises: { value: string; label: string }[];
  readonly firms: { value: string; label: string }[];
}

/** Bureaus, enterprises and consulting firms as select options (the admin sees all of them). */
export function useOrgOptions(): OrgOptions {
  const bureaus = useApi('listBureaus', { query: { limit: 500 } });
  const enterprises = useApi('listEnterprises', { query: { limit: 500 } });
  const firms = useApi('listConsultingFirms', { query: { limit: 500 } });
  return useMemo(
    () => ({
      bureaus: (bureaus.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })),
      enterprises: (enterprises.data?.items ?? []).map((e) => ({
        value: e.id,
        label: `${e.name}（${e.uscc}）`,
      })),
      firms: (firms.data?.items ?? []).map((f) => ({ value: f.id, label: f.name })),
    }),
    [bureaus.data, enterprises.data, firms.data],
  );
}

/** Role + organisation fields of an antd form (e.g. the `n`-th grant of a Form.List `roles`: name `[n]`, path `['roles', n]`). */
export function RoleGrantFields({
  name,
  path,
  orgs,
}: {
  /** The fields' name as Form.Item sees it (relative inside a Form.List). */
  name: (string | number)[];
  /** The same fields' absolute path in the form (what `Form.useWatch` needs). */
  path: (string | number)[];
  orgs: OrgOptions;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const role = Form.useWatch([...path, 'role'], form) as Role | undefined;
  const orgField = orgFieldOf(role);
  const options =
    orgField === 'bureauId' ? orgs.bureaus : orgField === 'enterpriseId' ? orgs.enterprises : orgs.firms;
  return (
    <>
      <Form.Item
        name={[...name, 'role']}
        label={t('admin.users.role')}
        rules={[{ required: true, message: t('admin.users.roleRequired') }]}
      >
        <Select
          aria-label={t('admin.users.role')}
          options={ROLE_VALUES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          style={{ minWidth: 180 }}
        />
      </Form.Item>
      {orgField ? (
        <Form.Item
          name={[...name, orgField]}
          label={t('admin.users.organization')}
          rules={[{ required: true, message: t('admin.users.organizationRequired') }]}
        >
          <Select
            aria-label={t('admin.users.organization')}
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
            style={{ minWidth: 320 }}
          />
        </Form.Item>
      ) : null}
    </>
  );
}
