/**
 * 问题诊断结果 (guideline 7.2.4; Appendix B 5): the common problems of the industry and the individual problems of
 * enterprises, by aspect, with their causes (technical / management / policy). Create, edit and delete for those
 * who manage the audit; the options answer these problems (principle b).
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Button, Flex, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { apiClient } from '../../../../api/apiClient.ts';
import { errorText, useAction, useApi } from '../../../../api/hooks.ts';
import { type DataColumn, DataTable } from '../../../../components/DataTable.tsx';
import {
  aspectKey,
  CAUSE_TYPES,
  COMMON_ASPECTS,
  causeKey,
  INDIVIDUAL_ASPECTS,
  problemScopeKey,
} from '../../../../components/options/labels.ts';
import { useI18n } from '../../../../i18n/context.ts';

export type Problem = ResponseOf<Api['listAuditProblems']>['items'][number];
type Enterprise = ResponseOf<Api['listAuditEnterprises']>['items'][number];

interface ProblemValues {
  scope: Problem['scope'];
  enterpriseId?: string;
  aspect: Problem['aspect'];
  title: string;
  description?: string;
  causeTypes: Problem['causeTypes'];
  cause?: string;
}

function ProblemModal(props: {
  auditId: string;
  problem: Problem | 'new';
  enterprises: readonly Enterprise[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<ProblemValues>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const existing = props.problem === 'new' ? null : props.problem;
  const scope = Form.useWatch('scope', form) ?? existing?.scope ?? 'common';
  const initial: ProblemValues = existing
    ? {
        scope: existing.scope,
        ...(existing.enterpriseId ? { enterpriseId: existing.enterpriseId } : {}),
        aspect: existing.aspect,
        title: existing.title,
        description: existing.description ?? '',
        causeTypes: existing.causeTypes,
        cause: existing.cause ?? '',
      }
    : { scope: 'common', aspect: 'process_equipment', title: '', causeTypes: [] };
  const submit = async () => {
    const v = await form.validateFields();
    const fields = {
      scope: v.scope,
      enterpriseId: v.scope === 'individual' ? (v.enterpriseId ?? null) : null,
      aspect: v.aspect,
      title: v.title,
      description: v.description?.trim() ? v.description.trim() : null,
      causeTypes: v.causeTypes,
      cause: v.cause?.trim() ? v.cause.trim() : null,
    };
    setBusy(true);
    setError(undefined);
    try {
      if (existing) {
        await apiClient.call('updateAuditProblem', {
          params: { id: props.auditId, problemId: existing.id },
          body: { version: existing.version, ...fields },
        });
      } else {
        await apiClient.call('createAuditProblem', { params: { id: props.auditId }, body: fields });
      }
      props.onSaved();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const aspects = scope === 'common' ? COMMON_ASPECTS : INDIVIDUAL_ASPECTS;
  return (
    <Modal
      open
      width={720}
      title={t(existing ? 'workspace.problem.edit' : 'workspace.problem.add')}
      okText={t('workspace.common.save')}
      cancelText={t('workspace.common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Space wrap size={16}>
          <Form.Item name="scope" label={t('workspace.problem.scope')} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={(['common', 'individual'] as const).map((s) => ({
                value: s,
                label: t(problemScopeKey(s)),
              }))}
              onChange={(s: Problem['scope']) => {
                const list = s === 'common' ? COMMON_ASPECTS : INDIVIDUAL_ASPECTS;
                if (!list.includes(form.getFieldValue('aspect'))) form.setFieldValue('aspect', list[0]);
              }}
            />
          </Form.Item>
          <Form.Item name="aspect" label={t('workspace.problem.aspect')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={aspects.map((a) => ({ value: a, label: t(aspectKey(a)) }))}
            />
          </Form.Item>
          {scope === 'individual' ? (
            <Form.Item
              name="enterpriseId"
              label={t('workspace.col.enterprise')}
              rules={[{ required: true, message: t('workspace.common.required') }]}
            >
              <Select
                style={{ width: 260 }}
                showSearch={{ optionFilterProp: 'label' }}
                options={props.enterprises.map((e) => ({ value: e.enterpriseId, label: e.enterpriseName }))}
              />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item
          name="title"
          label={t('workspace.problem.title')}
          rules={[{ required: true, whitespace: true, message: t('workspace.common.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('workspace.problem.description')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.Item name="causeTypes" label={t('workspace.problem.causeTypes')}>
          <Select mode="multiple" options={CAUSE_TYPES.map((c) => ({ value: c, label: t(causeKey(c)) }))} />
        </Form.Item>
        <Form.Item name="cause" label={t('workspace.problem.cause')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}

export function ProblemsSection(props: {
  auditId: string;
  canEdit: boolean;
  problems: readonly Problem[];
  loading: boolean;
  reload: () => void;
}) {
  const { t } = useI18n();
  const run = useAction();
  const [editing, setEditing] = useState<Problem | 'new' | null>(null);
  const { data: enterprises } = useApi('listAuditEnterprises', {
    params: { id: props.auditId },
    query: { limit: 500 },
  });
  const { auditId, canEdit, reload } = props;
  const columns = useMemo<DataColumn<Problem>[]>(
    () => [
      {
        key: 'scope',
        title: t('workspace.problem.scope'),
        value: (p) => t(problemScopeKey(p.scope)),
        render: (p) => (
          <Tag color={p.scope === 'common' ? 'blue' : 'default'}>{t(problemScopeKey(p.scope))}</Tag>
        ),
        filter: 'auto',
        width: 100,
      },
      {
        key: 'aspect',
        title: t('workspace.problem.aspect'),
        value: (p) => t(aspectKey(p.aspect)),
        filter: 'auto',
        width: 140,
      },
      {
        key: 'title',
        title: t('workspace.problem.title'),
        value: (p) => p.title,
        render: (p) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text>{p.title}</Typography.Text>
            {p.description ? (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
                {p.description}
              </Typography.Text>
            ) : null}
          </Space>
        ),
      },
      {
        key: 'enterprise',
        title: t('workspace.col.enterprise'),
        value: (p) => p.enterpriseName ?? '',
        filter: 'auto',
        width: 200,
      },
      {
        key: 'causeTypes',
        title: t('workspace.problem.causeTypes'),
        value: (p) => p.causeTypes.map((c) => t(causeKey(c))).join('、'),
        width: 150,
      },
      {
        key: 'cause',
        title: t('workspace.problem.cause'),
        value: (p) => p.cause ?? '',
        render: (p) => (
          <Typography.Text ellipsis style={{ maxWidth: 260 }}>
            {p.cause ?? '—'}
          </Typography.Text>
        ),
      },
      ...(canEdit
        ? [
            {
              key: 'actions',
              title: t('workspace.common.actions'),
              value: () => '',
              exported: false,
              width: 120,
              render: (p: Problem) => (
                <Flex gap={4}>
                  <Button type="link" size="small" onClick={() => setEditing(p)}>
                    {t('workspace.common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('workspace.common.confirmDelete')}
                    onConfirm={async () => {
                      const ok = await run(
                        () =>
                          apiClient.call('deleteAuditProblem', {
                            params: { id: auditId, problemId: p.id },
                            query: { version: p.version },
                          }),
                        t('workspace.common.deleted'),
                      );
                      if (ok) reload();
                    }}
                  >
                    <Button type="link" size="small" danger>
                      {t('workspace.common.delete')}
                    </Button>
                  </Popconfirm>
                </Flex>
              ),
            } satisfies DataColumn<Problem>,
          ]
        : []),
    ],
    [t, canEdit, auditId, reload, run],
  );
  return (
    <>
      <DataTable<Problem>
        columns={columns}
        rows={props.problems}
        rowKey={(p) => p.id}
        loading={props.loading}
        exportName="problems"
        extra={
          canEdit ? (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('workspace.problem.add')}
            </Button>
          ) : null
        }
      />
      {editing ? (
        <ProblemModal
          auditId={auditId}
          problem={editing}
          enterprises={enterprises?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
