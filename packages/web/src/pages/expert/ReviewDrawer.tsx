/**
 * An expert's review of one option: the reviews already given (by the panel and experts) and the expert's own,
 * created or changed: stage, verdict, comment and, optionally, a score R (1–10) per criterion of the shipped
 * option-screening set, which the server turns into Σ R×W with the core's weighted-sum method.
 */
import type { OptionJson } from '@cpaudit/contract';
import {
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { apiClient } from '../../api/apiClient.ts';
import { useApi } from '../../api/hooks.ts';
import { useCurrentUser } from '../../auth/session.ts';
import {
  type Criterion,
  criteriaOf,
  firstTotalOf,
  REVIEW_STAGES,
  REVIEW_VERDICTS,
  type ReviewStage as Stage,
  scoresOfReview,
  stageFor,
  type ReviewVerdict as Verdict,
} from '../../components/admin/logic.ts';
import { ErrorIssues, showFieldError } from '../../components/admin/shared.tsx';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';

/**
 * The shipped option-screening criteria (ids, names, weights W), read from the core through the calculation API:
 * the `screen` calculation's example ranks candidates with `criteriaSet: 'option-screening'`; its result lists the
 * criteria used.
 */
function useScreeningCriteria(): { criteria: Criterion[]; loading: boolean } {
  const calcs = useApi('listCalculations');
  const example = calcs.data?.items.find((c) => c.name === 'screen')?.example;
  const usable =
    typeof example === 'object' &&
    example !== null &&
    (example as { criteriaSet?: unknown }).criteriaSet === 'option-screening';
  const probe = useApi(
    'runCalculation',
    usable ? { params: { name: 'screen' }, body: example as Record<string, unknown> } : null,
  );
  return { criteria: criteriaOf(probe.data?.result), loading: calcs.loading || probe.loading };
}

/** The total of the scores typed so far, computed by the core (shown once every criterion has a score). */
function LiveTotal({
  criteria,
  scores,
}: {
  criteria: readonly Criterion[];
  scores: Record<string, number | null> | undefined;
}) {
  const { t } = useI18n();
  const complete = criteria.length > 0 && criteria.every((c) => typeof scores?.[c.id] === 'number');
  const calc = useApi(
    'runCalculation',
    complete
      ? {
          params: { name: 'screen' },
          body: {
            criteriaSet: 'option-screening',
            candidates: [
              {
                id: 'review',
                name: 'review',
                scores: Object.fromEntries(criteria.map((c) => [c.id, scores?.[c.id]])),
              },
            ],
          },
        }
      : null,
  );
  const total = complete ? firstTotalOf(calc.data?.result) : undefined;
  return (
    <Typography.Text strong aria-live="polite">
      {total === undefined
        ? t('admin.expert.totalPending')
        : t('admin.expert.total', { total: formatNumber(total, 0) })}
    </Typography.Text>
  );
}

interface Values {
  stage: Stage;
  verdict: Verdict;
  comment?: string;
  scored: boolean;
  scores: Record<string, number | null>;
}

const VERDICT_COLORS: Record<Verdict, string> = { approve: 'green', reject: 'red', revise: 'orange' };

export function ReviewDrawer({
  option,
  onClose,
  onSaved,
}: {
  option: OptionJson | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const reviews = useApi('listOptionReviews', option ? { params: { id: option.id } } : null);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const stage = Form.useWatch('stage', form) as Stage | undefined;
  const scored = Form.useWatch('scored', form) as boolean | undefined;
  const scores = Form.useWatch('scores', form) as Record<string, number | null> | undefined;
  const { criteria } = useScreeningCriteria();
  const items = reviews.data?.items ?? [];
  const mine = items.find((r) => r.reviewerId === me.id && r.stage === stage);

  // Fill the form with the option's stage, and with the expert's own review of that stage when there is one.
  useEffect(() => {
    if (!option) return;
    form.setFieldsValue({
      stage: stageFor(option.status),
      verdict: 'approve',
      comment: '',
      scored: true,
      scores: {},
    });
    setError(undefined);
  }, [option, form]);
  useEffect(() => {
    if (!mine) return;
    const scores = scoresOfReview(mine.scores?.inputs ?? [], criteria);
    form.setFieldsValue({
      verdict: mine.verdict,
      comment: mine.comment ?? '',
      scored: mine.scores !== null,
      scores,
    });
  }, [mine, form, criteria]);

  const save = async () => {
    if (!option) return;
    const v = await form.validateFields();
    const scoring =
      v.scored && criteria.length > 0
        ? {
            criteriaSet: 'option-screening' as const,
            scores: Object.fromEntries(criteria.map((c) => [c.id, v.scores?.[c.id] ?? 0])),
          }
        : undefined;
    setError(undefined);
    setBusy(true);
    try {
      if (mine) {
        await apiClient.call('updateOptionReview', {
          params: { id: mine.id },
          body: {
            version: mine.version,
            verdict: v.verdict,
            comment: v.comment ? v.comment : null,
            scoring: scoring ?? null,
          },
        });
      } else {
        await apiClient.call('createOptionReview', {
          params: { id: option.id },
          body: {
            stage: v.stage,
            verdict: v.verdict,
            ...(v.comment ? { comment: v.comment } : {}),
            ...(scoring ? { scoring } : {}),
          },
        });
      }
      void message.success(t('admin.expert.saved'));
      reviews.reload();
      onSaved();
    } catch (e) {
      if (!showFieldError(form, e, ['stage', 'verdict', 'comment'])) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={option !== undefined}
      onClose={onClose}
      size={720}
      title={option ? `${option.code ?? ''} ${option.name}` : ''}
      extra={option ? <Link to={`/options/${option.id}`}>{t('admin.expert.openOption')}</Link> : null}
    >
      {option ? (
        <Flex vertical gap={16}>
          {option.summary ? <Typography.Paragraph>{option.summary}</Typography.Paragraph> : null}
          <Card size="small" title={t('admin.expert.reviews')}>
            {reviews.error ? <ErrorIssues error={reviews.error} /> : null}
            {items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.expert.noReviews')} />
            ) : (
              <Flex vertical gap={8} role="list" aria-label={t('admin.expert.reviews')}>
                {items.map((r) => (
                  <Flex
                    key={r.id}
                    role="listitem"
                    vertical
                    gap={2}
                    style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}
                  >
                    <Flex gap={8} align="center" wrap>
                      <strong>{r.reviewerName}</strong>
                      <Tag>{t(`admin.expert.stage.${r.stage}`)}</Tag>
                      <Tag color={VERDICT_COLORS[r.verdict]}>{t(`admin.expert.verdict.${r.verdict}`)}</Tag>
                      {r.total === null ? null : (
                        <Typography.Text>
                          {t('admin.expert.total', { total: formatNumber(r.total, 0) })}
                        </Typography.Text>
                      )}
                      <Typography.Text type="secondary">{formatDate(r.reviewedAt)}</Typography.Text>
                    </Flex>
                    {r.comment ? <Typography.Text>{r.comment}</Typography.Text> : null}
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
          <Card size="small" title={mine ? t('admin.expert.myReviewEdit') : t('admin.expert.myReview')}>
            <Form form={form} layout="vertical">
              <Flex gap={16} wrap>
                <Form.Item name="stage" label={t('admin.expert.stage')} rules={[{ required: true }]}>
                  <Select
                    aria-label={t('admin.expert.stage')}
                    style={{ width: 160 }}
                    options={REVIEW_STAGES.map((s) => ({
                      value: s,
                      label: t(`admin.expert.stage.${s}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name="verdict" label={t('admin.expert.verdict')} rules={[{ required: true }]}>
                  <Radio.Group
                    optionType="button"
                    options={REVIEW_VERDICTS.map((v) => ({
                      value: v,
                      label: t(`admin.expert.verdict.${v}`),
                    }))}
                  />
                </Form.Item>
              </Flex>
              <Form.Item name="scored" valuePropName="checked">
                <Checkbox>{t('admin.expert.scoreIt')}</Checkbox>
              </Form.Item>
              {scored ? (
                <Flex vertical gap={0}>
                  <Typography.Text type="secondary" style={{ marginBottom: 8 }}>
                    {t('admin.expert.scoreHint')}
                  </Typography.Text>
                  {criteria.map((c) => (
                    <Form.Item
                      key={c.id}
                      name={['scores', c.id]}
                      label={t('admin.expert.criterion', { name: c.name, weight: c.weight })}
                      rules={[{ required: true, message: t('admin.expert.scoreRequired') }]}
                      layout="horizontal"
                      labelCol={{ flex: '320px' }}
                    >
                      <InputNumber min={1} max={10} step={1} precision={0} aria-label={c.name} />
                    </Form.Item>
                  ))}
                  <LiveTotal criteria={criteria} scores={scores} />
                </Flex>
              ) : null}
              <Form.Item name="comment" label={t('admin.expert.comment')}>
                <Input.TextArea rows={4} maxLength={4000} aria-label={t('admin.expert.comment')} />
              </Form.Item>
              {error ? <ErrorIssues error={error} /> : null}
              <Button type="primary" onClick={save} loading={busy} style={{ marginTop: 8 }}>
                {mine ? t('admin.expert.update') : t('admin.expert.submit')}
              </Button>
            </Form>
          </Card>
        </Flex>
      ) : null}
    </Drawer>
  );
}
