/**
 * 提出方案 (guideline 7.3.1): a new industry-level option (answering common problems) or enterprise-level option
 * (one enterprise of the list), with the problems it answers. The server checks the enterprise and the problems.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { apiClient } from '../../../../api/apiClient.ts';
import { errorText, useApi } from '../../../../api/hooks.ts';
import {
  costClassKey,
  OPTION_TYPES,
  optionLevelKey,
  optionTypeKey,
} from '../../../../components/options/labels.ts';
import type { OptionDetail } from '../../../../components/options/transition.ts';
import { useI18n } from '../../../../i18n/context.ts';
import type { Problem } from './ProblemsSection.tsx';

type Level = 'industry' | 'enterprise';
type OptionType = NonNullable<ResponseOf<Api['getOption']>['optionType']>;

interface CreateValues {
  level: Level;
  enterpriseId?: string;
  code?: string;
  name: string;
  optionType?: OptionType;
  costClass?: 'no_low' | 'mid_high';
  investmentPlanned_wanYuan?: number | null;
  economicBenefitExpected_wanYuanPerYear?: number | null;
  summary?: string;
  problemIds?: string[];
}

export function OptionCreateModal(props: {
  auditId: string;
  problems: readonly Problem[];
  onClose: () => void;
  onCreated: (o: OptionDetail) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CreateValues>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const level = Form.useWatch('level', form) ?? 'enterprise';
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const { data: enterprises } = useApi('listAuditEnterprises', {
    params: { id: props.auditId },
    query: { limit: 500 },
  });
  // Industry options answer common problems; enterprise options the common ones and that enterprise's own.
  const problems = props.problems.filter(
    (p) => p.scope === 'common' || (level === 'enterprise' && p.enterpriseId === enterpriseId),
  );
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const created = await apiClient.call('createAuditOption', {
        params: { id: props.auditId },
        body: {
          level: v.level,
          ...(v.level === 'enterprise' && v.enterpriseId ? { enterpriseId: v.enterpriseId } : {}),
          name: v.name,
          ...(v.code?.trim() ? { code: v.code.trim() } : {}),
          ...(v.optionType ? { optionType: v.optionType } : {}),
          ...(v.costClass ? { costClass: v.costClass } : {}),
          investmentPlanned_wanYuan: v.investmentPlanned_wanYuan ?? null,
          economicBenefitExpected_wanYuanPerYear: v.economicBenefitExpected_wanYuanPerYear ?? null,
          ...(v.summary?.trim() ? { summary: v.summary.trim() } : {}),
          problemIds: v.problemIds ?? [],
        },
      });
      props.onCreated(created);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={780}
      title={t('workspace.options.create')}
      okText={t('workspace.common.save')}
      cancelText={t('workspace.common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
    >
      <Form<CreateValues> form={form} layout="vertical" initialValues={{ level: 'enterprise' }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="level" label={t('workspace.col.level')} rules={[{ required: true }]}>
              <Select
                options={(['industry', 'enterprise'] as const).map((l) => ({
                  value: l,
                  label: t(optionLevelKey(l)),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            {level === 'enterprise' ? (
              <Form.Item
                name="enterpriseId"
                label={t('workspace.col.enterprise')}
                rules={[{ required: true, message: t('workspace.common.required') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(enterprises?.items ?? []).map((e) => ({
                    value: e.enterpriseId,
                    label: e.enterpriseName,
                  }))}
                />
              </Form.Item>
            ) : null}
          </Col>
          <Col span={6}>
            <Form.Item name="code" label={t('workspace.col.code')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item
              name="name"
              label={t('workspace.col.name')}
              rules={[{ required: true, whitespace: true, message: t('workspace.common.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="optionType" label={t('workspace.col.type')}>
              <Select
                allowClear
                options={OPTION_TYPES.map((o) => ({ value: o, label: t(optionTypeKey(o)) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="costClass"
              label={t('workspace.col.costClass')}
              extra={t('workspace.options.costClassHint')}
            >
              <Select
                allowClear
                options={(['no_low', 'mid_high'] as const).map((c) => ({
                  value: c,
                  label: t(costClassKey(c)),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="investmentPlanned_wanYuan" label={t('workspace.col.investmentPlanned')}>
              <InputNumber style={{ width: '100%' }} min={0} suffix="万元" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="economicBenefitExpected_wanYuanPerYear"
              label={t('workspace.col.benefitExpected')}
            >
              <InputNumber style={{ width: '100%' }} suffix="万元/a" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="problemIds" label={t('workspace.option.problems')}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={problems.map((p) => ({ value: p.id, label: p.title }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="summary" label={t('workspace.option.text')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}
