/**
 * Pieces shared by the enterprise's pages: the page frame (title, enterprise picker, "not found or not yours" on a
 * 404, the load error otherwise), the optimistic-version conflict message, and the breakdown of a computed figure
 * (the core's `Breakdown`: formula, inputs, factors with their sources, steps) as a tree.
 */
import type { CalcBreakdown } from '@cpaudit/contract';
import { Alert, Flex, Skeleton, Tree, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatNumber } from '../../lib/format.ts';
import { NotYours, PageHeading } from '../admin/shared.tsx';
import type { EnterpriseScope } from './EnterpriseScope.tsx';

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 404 || e.code === 'NOT_FOUND');
}

export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 409 || e.code === 'CONFLICT');
}

/**
 * The frame of an enterprise page: heading and picker, then the body once an enterprise is chosen; a 404 of the
 * page's main call (`error`) shows "not found or not yours" without any data.
 */
export function EnterprisePage(props: {
  title: string;
  description?: string;
  scope: EnterpriseScope;
  error?: unknown;
  loading?: boolean;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { scope } = props;
  let body: ReactNode;
  if (scope.error) body = <Alert type="error" showIcon title={errorText(scope.error)} />;
  else if (scope.loading && !scope.enterpriseId) body = <Skeleton active />;
  else if (!scope.enterpriseId) body = <Alert type="info" showIcon title={t('enterprise.scope.none')} />;
  else if (isNotFound(props.error) || (!scope.loading && !scope.enterprise)) body = <NotYours />;
  else if (props.error) body = <Alert type="error" showIcon title={errorText(props.error)} />;
  else if (props.loading) body = <Skeleton active />;
  else body = props.children;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <PageHeading title={props.title} description={props.description} />
        <Flex gap={12} align="center" wrap>
          {scope.picker}
          {props.extra}
        </Flex>
      </Flex>
      {body}
    </Flex>
  );
}

/** The message for a write refused because someone else changed the record since it was read. */
export function useConflictText(): (e: unknown) => string {
  const { t } = useI18n();
  return (e) => (isConflict(e) ? t('enterprise.conflict') : errorText(e));
}

interface TreeNode {
  key: string;
  title: ReactNode;
  children?: TreeNode[];
}

function scalarText(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v, Number.isInteger(v) ? 0 : 4);
  if (v === null || v === undefined) return '—';
  return String(v);
}

function toTree(b: CalcBreakdown, key: string, t: (k: 'enterprise.breakdown.factor') => string): TreeNode {
  const children: TreeNode[] = [];
  if (b.formula)
    children.push({ key: `${key}.f`, title: <Typography.Text code>{b.formula}</Typography.Text> });
  for (const [n, i] of b.inputs.entries())
    children.push({
      key: `${key}.i${n}`,
      title: `${i.name} = ${scalarText(i.value)}${i.unit ? ` ${i.unit}` : ''}`,
    });
  for (const [n, f] of b.factors.entries())
    children.push({
      key: `${key}.k${n}`,
      title: (
        <span>
          {t('enterprise.breakdown.factor')} {f.name} = {scalarText(f.value)} {f.unit}
          <Typography.Text type="secondary">
            {' '}
            （{f.source.document}
            {f.source.clause ? ` ${f.source.clause}` : ''}）
          </Typography.Text>
        </span>
      ),
    });
  for (const [n, s] of (b.steps ?? []).entries()) children.push(toTree(s, `${key}.s${n}`, t));
  for (const [n, note] of (b.notes ?? []).entries())
    children.push({ key: `${key}.n${n}`, title: <Typography.Text type="secondary">{note}</Typography.Text> });
  const result = b.result === null ? '' : ` = ${scalarText(b.result)}${b.unit ? ` ${b.unit}` : ''}`;
  const clause = b.clause ? `（${b.clause.document}${b.clause.clause ? ` ${b.clause.clause}` : ''}）` : '';
  return {
    key,
    title: (
      <span>
        <Typography.Text strong>{b.label}</Typography.Text>
        {result}
        <Typography.Text type="secondary">{clause}</Typography.Text>
      </span>
    ),
    children,
  };
}

/** A computed figure's breakdown as a tree: each step with its formula, inputs and factors (with sources). */
export function BreakdownTree({ breakdown, label }: { breakdown: CalcBreakdown; label: string }) {
  const { t } = useI18n();
  const root = toTree(breakdown, 'b', t);
  return (
    <section aria-label={label}>
      <Tree showLine selectable={false} defaultExpandedKeys={['b']} treeData={[root]} />
    </section>
  );
}
