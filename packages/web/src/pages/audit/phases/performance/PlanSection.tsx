/**
 * 持续清洁生产计划 (guideline 7.5.2; Appendix B 8): tasks with their category, responsible unit, deadline, expected
 * result and status; overdue tasks flagged by the server. Create, edit and delete for those who manage the audit.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { apiClient } from '../../../../api/apiClient.ts';
import { errorText, useAction, useApi } from '../../../../api/hooks.ts';
import { type DataColumn, DataTable } from '../../../../components/DataTable.tsx';
import {
  PLAN_CATEGORIES,
  PLAN_STATUSES,
  planCategoryKey,
  planStatusKey,
} from '../../../../components/options/labels.ts';
import { useI18n } from '../../../../i18n/context.ts';
import { formatDate } from '../../../../lib/format.ts';

type Task = ResponseOf<Api['listAuditPlanTasks']>['items'][number];
const STATUS_COLOR = {
  planned: 'default',
  in_progress: 'processing',
  done: 'green',
  cancelled: 'default',
} as const;

interface TaskValues {
  category: Task['category'];
  task: string;
  responsibleUnit: string;
  deadline: Dayjs;
  expectedResult: string;
  status: Task['status'];
  progressNote?: string;
  completedOn?: Dayjs | null;
}

function TaskModal(props: { auditId: string; task: Task | 'new'; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<TaskValues>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const existing = props.task === 'new' ? null : props.task;
  const status = Form.useWatch('status', form);
  const initial: Partial<TaskValues> = existing
    ? {
        category: existing.category,
        task: existing.task,
        responsibleUnit: existing.responsibleUnit,
        deadline: dayjs(existing.deadline),
        expectedResult: existing.expectedResult,
        status: existing.status,
        progressNote: existing.progressNote ?? '',
        completedOn: existing.completedOn ? dayjs(existing.completedOn) : null,
      }
    : { category: 'management_system', status: 'planned' };
  const submit = async () => {
    const v = await form.validateFields();
    const fields = {
      category: v.category,
      task: v.task,
      responsibleUnit: v.responsibleUnit,
      deadline: v.deadline.format('YYYY-MM-DD'),
      expectedResult: v.expectedResult,
      status: v.status,
      progressNote: v.progressNote?.trim() ? v.progressNote.trim() : null,
      completedOn: v.status === 'done' && v.completedOn ? v.completedOn.format('YYYY-MM-DD') : null,
    };
    setBusy(true);
    setError(undefined);
    try {
      if (existing) {
        await apiClient.call('updateAuditPlanTask', {
          params: { id: props.auditId, taskId: existing.id },
          body: { version: existing.version, ...fields },
        });
      } else {
        await apiClient.call('createAuditPlanTask', { params: { id: props.auditId }, body: fields });
      }
      props.onSaved();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('workspace.common.required') }];
  return (
    <Modal
      open
      width={720}
      title={t(existing ? 'workspace.plan.edit' : 'workspace.plan.add')}
      okText={t('workspace.common.save')}
      cancelText={t('workspace.common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Space wrap size={16}>
          <Form.Item name="category" label={t('workspace.plan.category')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={PLAN_CATEGORIES.map((c) => ({ value: c, label: t(planCategoryKey(c)) }))}
            />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('workspace.plan.deadline')}
            rules={[{ required: true, message: t('workspace.common.required') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="status" label={t('workspace.plan.status')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={PLAN_STATUSES.map((s) => ({ value: s, label: t(planStatusKey(s)) }))}
            />
          </Form.Item>
          {status === 'done' ? (
            <Form.Item name="completedOn" label={t('workspace.plan.completedOn')}>
              <DatePicker />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item name="task" label={t('workspace.plan.task')} rules={required}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="responsibleUnit" label={t('workspace.plan.responsible')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="expectedResult" label={t('workspace.plan.expected')} rules={required}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="progressNote" label={t('workspace.plan.progress')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}

export function PlanSection({ auditId, canEdit }: { auditId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const run = useAction();
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  const { data, error, loading, reload } = useApi('listAuditPlanTasks', {
    params: { id: auditId },
    query: { limit: 500, sort: 'deadline' },
  });
  const columns = useMemo<DataColumn<Task>[]>(
    () => [
      {
        key: 'category',
        title: t('workspace.plan.category'),
        value: (r) => t(planCategoryKey(r.category)),
        filter: 'auto',
        width: 130,
      },
      { key: 'task', title: t('workspace.plan.task'), value: (r) => r.task },
      {
        key: 'responsible',
        title: t('workspace.plan.responsible'),
        value: (r) => r.responsibleUnit,
        filter: 'auto',
        width: 180,
      },
      {
        key: 'deadline',
        title: t('workspace.plan.deadline'),
        value: (r) => r.deadline,
        render: (r) => (
          <Space size={4}>
            {formatDate(r.deadline)}
            {r.overdue ? <Tag color="red">{t('workspace.plan.overdue')}</Tag> : null}
          </Space>
        ),
        sortable: true,
        width: 150,
      },
      { key: 'expected', title: t('workspace.plan.expected'), value: (r) => r.expectedResult, width: 220 },
      {
        key: 'status',
        title: t('workspace.plan.status'),
        value: (r) => t(planStatusKey(r.status)),
        render: (r) => <Tag color={STATUS_COLOR[r.status]}>{t(planStatusKey(r.status))}</Tag>,
        filter: 'auto',
        width: 100,
      },
      ...(canEdit
        ? [
            {
              key: 'actions',
              title: t('workspace.common.actions'),
              value: () => '',
              exported: false,
              width: 120,
              render: (r: Task) => (
                <Flex gap={4}>
                  <Button type="link" size="small" onClick={() => setEditing(r)}>
                    {t('workspace.common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('workspace.common.confirmDelete')}
                    onConfirm={async () => {
                      const ok = await run(
                        () =>
                          apiClient.call('deleteAuditPlanTask', {
                            params: { id: auditId, taskId: r.id },
                            query: { version: r.version },
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
            } satisfies DataColumn<Task>,
          ]
        : []),
    ],
    [t, canEdit, auditId, reload, run],
  );
  if (error)
    return (
      <Alert type="error" showIcon title={t('workspace.common.loadFailed', { message: error.message })} />
    );
  return (
    <>
      <DataTable<Task>
        columns={columns}
        rows={data?.items ?? []}
        rowKey={(r) => r.id}
        loading={loading}
        exportName="cp-plan"
        extra={
          canEdit ? (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('workspace.plan.add')}
            </Button>
          ) : null
        }
      />
      {editing ? (
        <TaskModal
          auditId={auditId}
          task={editing}
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
