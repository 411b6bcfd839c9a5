/**
 * The environmental protection tax an option avoids (广东省绩效表 注15), computed on the server from the option's
 * pollutant reductions and the enterprise's city/province rate (core `avoidedTax`), and whether it is added to the
 * option's economic benefit: off when the entered benefit already includes it, on when it leaves it out — never
 * both, so the form totals do not count it twice.
 */
import { Alert, Descriptions, Flex, Segmented, Switch, Typography } from 'antd';
import { useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { errorText, useAction, useApi } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatNumber } from '../../lib/format.ts';

export function OptionAvoidedTax(props: {
  optionId: string;
  version: number;
  editable: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const run = useAction();
  const [basis, setBasis] = useState<'expected' | 'actual'>('expected');
  const state = useApi('getOptionAvoidedTax', { params: { id: props.optionId }, query: { basis } });
  const d = state.data;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('compliance.tax.intro')}</Typography.Text>
      <Segmented<'expected' | 'actual'>
        value={basis}
        onChange={setBasis}
        options={[
          { value: 'expected', label: t('workspace.basis.expected') },
          { value: 'actual', label: t('workspace.basis.actual') },
        ]}
        style={{ width: 'fit-content' }}
      />
      {state.error ? <Alert type="error" showIcon title={errorText(state.error)} /> : null}
      {d ? (
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label={t('compliance.tax.avoided')}>
            {formatNumber(d.avoided_wanYuanPerYear, 4)}
          </Descriptions.Item>
          <Descriptions.Item label={t('compliance.tax.rates')}>
            {d.rates ? `${d.rates.water_yuanPerEq} / ${d.rates.air_yuanPerEq}（${d.rates.document}）` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('compliance.tax.reductions')}>
            {d.reductions.length === 0
              ? '—'
              : d.reductions.map((r) => `${r.pollutant} ${formatNumber(r.reduced_kg, 1)} kg/a`).join('；')}
          </Descriptions.Item>
          <Descriptions.Item label={t('compliance.tax.add')}>
            <Switch
              checked={d.addedToBenefit}
              disabled={!props.editable}
              aria-label={t('compliance.tax.add')}
              onChange={(checked) =>
                run(async () => {
                  await apiClient.call('setOptionAvoidedTax', {
                    params: { id: props.optionId },
                    body: { version: props.version, addAvoidedTax: checked },
                  });
                  state.reload();
                  props.onSaved();
                })
              }
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('compliance.tax.counted')}>
            {formatNumber(d.economicBenefit_wanYuanPerYear, 2)}
          </Descriptions.Item>
          {d.notes.length > 0 ? (
            <Descriptions.Item label="">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.notes.join('；')}
              </Typography.Text>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
    </Flex>
  );
}
