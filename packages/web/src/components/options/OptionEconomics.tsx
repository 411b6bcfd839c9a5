/**
 * 中/高费方案经济可行性分析 (guideline 7.3.3; Appendix B 6.2): the parameters of the core's `economics` calculation,
 * its payback, NPV, NPVR and IRR recomputed as the user types (debounced `POST /api/calc/economics`), and saved on
 * the option with `setOptionEconomics`. The investment is the option's (planned or actual): it is not typed here.
 * The web computes nothing: every figure shown is the core's.
 */
import {
  Alert,
  Button,
  Col,
  Descriptions,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { errorText, useAction } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatNumber, formatQuantity } from '../../lib/format.ts';
import {
  type EconomicsFigures,
  type EconomicsForm,
  num,
  obj,
  pct,
  readEconomics,
  toInput,
} from './economics.ts';
import type { OptionDetail } from './transition.ts';

function fromStored(option: OptionDetail): EconomicsForm {
  const e = option.economics;
  const i = obj(e?.input);
  return {
    investmentBasis: e?.investmentBasis ?? (option.investmentActual_wanYuan !== null ? 'actual' : 'planned'),
    annualNetSavings_wanYuan:
      num(i.annualNetSavings_wanYuan) ?? option.economicBenefitExpected_wanYuanPerYear,
    depreciationYears_a: num(i.depreciationYears_a) ?? 10,
    incomeTax_percent: pct(num(i.incomeTaxRate_fraction)) ?? 25,
    discount_percent: pct(num(i.discountRate_fraction)) ?? 6,
    projectLife_a: num(i.projectLife_a),
    salvageValue_wanYuan: num(i.salvageValue_wanYuan),
    costClass: (i.costClass as EconomicsForm['costClass']) ?? null,
    benchmark_percent: pct(num(i.benchmarkRate_fraction)),
  };
}

export function EconomicsFiguresView({ figures }: { readonly figures: EconomicsFigures }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} bordered>
      <Descriptions.Item label={t('workspace.econ.payback')}>
        {figures.payback_a === null ? figures.paybackNote || '—' : formatQuantity(figures.payback_a, 'a')}
      </Descriptions.Item>
      <Descriptions.Item label={t('workspace.econ.npv')}>
        {formatQuantity(figures.npv_wanYuan, '万元')}
      </Descriptions.Item>
      <Descriptions.Item label={t('workspace.econ.npvr')}>
        {figures.npvr === null ? '—' : formatQuantity(figures.npvr * 100, '%')}
      </Descriptions.Item>
      <Descriptions.Item label={t('workspace.econ.irr')}>
        {figures.irr === null ? (figures.irrReason ?? '—') : formatQuantity(figures.irr * 100, '%')}
      </Descriptions.Item>
      <Descriptions.Item label={t('workspace.econ.verdict')} span={4}>
        {figures.feasible === null ? (
          '—'
        ) : (
          <Space wrap>
            <Tag color={figures.feasible ? 'green' : 'red'}>
              {t(figures.feasible ? 'workspace.econ.feasible' : 'workspace.econ.notFeasible')}
            </Tag>
            {figures.reasons.map((r) => (
              <Typography.Text key={r} type="secondary">
                {r}
              </Typography.Text>
            ))}
          </Space>
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The economics of an option: read-only figures, or the live form when `editable`. */
export function OptionEconomics(props: {
  readonly option: OptionDetail;
  readonly editable: boolean;
  readonly onSaved: (o: OptionDetail) => void;
}) {
  const { t } = useI18n();
  const { option } = props;
  const run = useAction();
  const [form] = Form.useForm<EconomicsForm>();
  const initial = useMemo(() => fromStored(option), [option]);
  const [values, setValues] = useState<EconomicsForm>(initial);
  const [live, setLive] = useState<{ figures?: EconomicsFigures; error?: string; busy: boolean }>({
    busy: false,
  });
  const seq = useRef(0);

  useEffect(() => {
    form.setFieldsValue(initial);
    setValues(initial);
  }, [initial, form]);

  const investment =
    values.investmentBasis === 'actual' ? option.investmentActual_wanYuan : option.investmentPlanned_wanYuan;

  // As-you-type: the core's calculation on the current values, 400 ms after the last keystroke.
  useEffect(() => {
    if (!props.editable) return;
    if (investment === null) {
      setLive({ busy: false, error: t('workspace.econ.noInvestment') });
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      setLive((s) => ({ ...s, busy: true }));
      apiClient
        .call('runCalculation', {
          params: { name: 'economics' },
          body: { investment_wanYuan: investment, ...toInput(values) },
        })
        .then(
          (r) => {
            if (mine === seq.current) setLive({ figures: readEconomics(r.result), busy: false });
          },
          (e: unknown) => {
            if (mine === seq.current) setLive({ error: errorText(e), busy: false });
          },
        );
    }, 400);
    return () => clearTimeout(timer);
  }, [values, investment, props.editable, t]);

  const save = async () => {
    const v = await form.validateFields();
    const saved = await run(
      () =>
        apiClient.call('setOptionEconomics', {
          params: { id: option.id },
          body: {
            version: option.version,
            economics: {
              investmentBasis: v.investmentBasis,
              input: toInput(v) as { discountRate_fraction: number },
            },
          },
        }),
      t('workspace.common.saved'),
    );
    if (saved) props.onSaved(saved);
  };

  const stored = option.economics ? readEconomics(option.economics.result) : null;
  if (!props.editable) {
    return stored ? (
      <EconomicsFiguresView figures={stored} />
    ) : (
      <Typography.Text type="secondary">{t('workspace.econ.none')}</Typography.Text>
    );
  }
  const percent = { min: 0, max: 99.99, step: 0.5, suffix: '%' } as const;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Form<EconomicsForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(_, all) => setValues(all)}
        aria-label={t('workspace.econ.title')}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="investmentBasis" label={t('workspace.econ.basis')}>
              <Select
                options={[
                  {
                    value: 'planned',
                    label: `${t('workspace.econ.basis.planned')}（${formatQuantity(option.investmentPlanned_wanYuan, '万元')}）`,
                  },
                  {
                    value: 'actual',
                    label: `${t('workspace.econ.basis.actual')}（${formatQuantity(option.investmentActual_wanYuan, '万元')}）`,
                  },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="annualNetSavings_wanYuan"
              label={t('workspace.econ.annualSavings')}
              rules={[{ required: true, message: t('workspace.common.required') }]}
            >
              <InputNumber style={{ width: '100%' }} step={1} suffix="万元/a" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="depreciationYears_a"
              label={t('workspace.econ.depreciation')}
              rules={[{ required: true, message: t('workspace.common.required') }]}
            >
              <InputNumber style={{ width: '100%' }} min={1} max={50} suffix="a" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="discount_percent"
              label={t('workspace.econ.discount')}
              rules={[{ required: true, message: t('workspace.common.required') }]}
            >
              <InputNumber style={{ width: '100%' }} {...percent} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="incomeTax_percent" label={t('workspace.econ.tax')}>
              <InputNumber style={{ width: '100%' }} {...percent} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="projectLife_a" label={t('workspace.econ.life')}>
              <InputNumber style={{ width: '100%' }} min={1} max={50} precision={0} suffix="a" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="salvageValue_wanYuan" label={t('workspace.econ.salvage')}>
              <InputNumber style={{ width: '100%' }} min={0} suffix="万元" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="costClass" label={t('workspace.econ.costClass')}>
              <Select
                allowClear
                options={(['medium', 'higher', 'high'] as const).map((c) => ({
                  value: c,
                  label: t(`workspace.econ.costClass.${c}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="benchmark_percent" label={t('workspace.econ.benchmark')}>
              <InputNumber style={{ width: '100%' }} {...percent} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Text type="secondary">
        {t('workspace.econ.live', { investment: formatNumber(investment) })}
      </Typography.Text>
      {live.error ? (
        <Alert type="warning" showIcon title={live.error} />
      ) : live.figures ? (
        <section aria-busy={live.busy} aria-label={t('workspace.econ.result')}>
          <EconomicsFiguresView figures={live.figures} />
        </section>
      ) : null}
      <Button type="primary" onClick={save} disabled={investment === null}>
        {t('workspace.econ.save')}
      </Button>
    </Space>
  );
}
