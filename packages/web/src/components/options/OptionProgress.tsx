/**
 * 实施进展 (guideline 7.4): what the implementer reports on an option — actual investment, actual economic benefit,
 * planned and actual dates, responsible unit — saved with `updateOption` (versioned). These are the fields the
 * implementing enterprise may change (`OPTION_IMPLEMENTATION_FIELDS`); the actual benefit feeds table 7.2.
 */
import { Button, Col, DatePicker, Form, Input, InputNumber, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { useAction } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import type { OptionDetail } from './transition.ts';

interface ProgressValues {
  investmentActual_wanYuan?: number | null;
  economicBenefitActual_wanYuanPerYear?: number | null;
  plannedStart?: Dayjs | null;
  plannedFinish?: Dayjs | null;
  implementedOn?: Dayjs | null;
  responsibleUnit?: string;
}

const day = (iso: string | null) => (iso ? dayjs(iso) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function OptionProgress(props: {
  readonly option: OptionDetail;
  readonly onSaved: (o: OptionDetail) => void;
}) {
  const { t } = useI18n();
  const run = useAction();
  const { option } = props;
  const [form] = Form.useForm<ProgressValues>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    form.setFieldsValue({
      investmentActual_wanYuan: option.investmentActual_wanYuan,
      economicBenefitActual_wanYuanPerYear: option.economicBenefitActual_wanYuanPerYear,
      plannedStart: day(option.plannedStart),
      plannedFinish: day(option.plannedFinish),
      implementedOn: day(option.implementedOn),
      responsibleUnit: option.responsibleUnit ?? '',
    });
  }, [option, form]);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    const saved = await run(
      () =>
        apiClient.call('updateOption', {
          params: { id: option.id },
          body: {
            version: option.version,
            investmentActual_wanYuan: v.investmentActual_wanYuan ?? null,
            economicBenefitActual_wanYuanPerYear: v.economicBenefitActual_wanYuanPerYear ?? null,
            plannedStart: iso(v.plannedStart),
            plannedFinish: iso(v.plannedFinish),
            implementedOn: iso(v.implementedOn),
            responsibleUnit: v.responsibleUnit?.trim() ? v.responsibleUnit.trim() : null,
          },
        }),
      t('workspace.common.saved'),
    );
    setBusy(false);
    if (saved) props.onSaved(saved);
  };
  return (
    <Form form={form} layout="vertical" aria-label={t('workspace.progress.title')}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="investmentActual_wanYuan" label={t('workspace.col.investmentActual')}>
            <InputNumber style={{ width: '100%' }} min={0} suffix="万元" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="economicBenefitActual_wanYuanPerYear" label={t('workspace.col.benefitActual')}>
            <InputNumber style={{ width: '100%' }} suffix="万元/a" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="responsibleUnit" label={t('workspace.option.responsible')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="plannedStart" label={t('workspace.progress.plannedStart')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="plannedFinish" label={t('workspace.progress.plannedFinish')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="implementedOn" label={t('workspace.option.implementedOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Button onClick={save} loading={busy}>
        {t('workspace.progress.save')}
      </Button>
    </Form>
  );
}
