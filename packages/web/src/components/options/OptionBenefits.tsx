/**
 * 方案效益 (Appendix B 6.1, 7.2): the expected and the actual benefits of an option, item by item (pollutant
 * reductions, resource and energy savings, CO2), each per year in its unit. Editing replaces one basis at a time
 * with `setOptionBenefits`; items and their units come from `listOptionBenefitItems`, and the server checks that
 * each unit converts to the item's.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { useAction, useApi } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatNumber } from '../../lib/format.ts';
import { basisKey } from './labels.ts';
import type { OptionDetail } from './transition.ts';

type Basis = 'expected' | 'actual';
type Benefit = OptionDetail['benefits'][number];
type Catalogue = ResponseOf<Api['listOptionBenefitItems']>;

interface Line {
  itemCode: string;
  name: string;
  unit: string;
  expected: number | null;
  actual: number | null;
}

/** One row per item, the expected and the actual quantity next to each other. */
function lines(benefits: readonly Benefit[], catalogue: Catalogue | undefined): Line[] {
  const byCode = new Map<string, Line>();
  for (const b of benefits) {
    const zh = catalogue?.items.find((i) => i.code === b.itemCode)?.zh;
    const line = byCode.get(b.itemCode) ?? {
      itemCode: b.itemCode,
      name: b.name ?? zh ?? b.itemCode,
      unit: b.unit,
      expected: null,
      actual: null,
    };
    line[b.basis] = (line[b.basis] ?? 0) + b.quantity;
    byCode.set(b.itemCode, line);
  }
  return [...byCode.values()];
}

interface EditValues {
  items: { itemCode: string; quantity: number; unit: string; name?: string; note?: string }[];
}

function BenefitsEditor(props: {
  option: OptionDetail;
  basis: Basis;
  catalogue: Catalogue | undefined;
  onClose: () => void;
  onSaved: (o: OptionDetail) => void;
}) {
  const { t } = useI18n();
  const run = useAction();
  const [form] = Form.useForm<EditValues>();
  const [busy, setBusy] = useState(false);
  const unitOf = (code: string) => props.catalogue?.items.find((i) => i.code === code)?.unit ?? '';
  const initial: EditValues = {
    items: props.option.benefits
      .filter((b) => b.basis === props.basis)
      .map((b) => ({
        itemCode: b.itemCode,
        quantity: b.quantity,
        unit: b.unit,
        ...(b.name ? { name: b.name } : {}),
      })),
  };
  if (initial.items.length === 0 && props.basis === 'actual') {
    // Start the actual benefits from the expected items (same items, quantities to be measured).
    initial.items = props.option.benefits
      .filter((b) => b.basis === 'expected')
      .map((b) => ({
        itemCode: b.itemCode,
        quantity: b.quantity,
        unit: b.unit,
        ...(b.name ? { name: b.name } : {}),
      }));
  }
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    const saved = await run(
      () =>
        apiClient.call('setOptionBenefits', {
          params: { id: props.option.id },
          body: {
            version: props.option.version,
            basis: props.basis,
            items: (v.items ?? []).map((i) => ({
              itemCode: i.itemCode,
              quantity: i.quantity,
              unit: i.unit,
              ...(i.name?.trim() ? { name: i.name.trim() } : {}),
            })),
          },
        }),
      t('workspace.common.saved'),
    );
    setBusy(false);
    if (saved) props.onSaved(saved);
  };
  return (
    <Modal
      open
      width={860}
      title={t('workspace.benefits.edit', { basis: t(basisKey(props.basis)) })}
      okText={t('workspace.common.save')}
      cancelText={t('workspace.common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={props.onClose}
    >
      <Form
        form={form}
        initialValues={initial}
        aria-label={t('workspace.benefits.edit', { basis: t(basisKey(props.basis)) })}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, 'itemCode']}
                    rules={[{ required: true, message: t('workspace.common.required') }]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: 300 }}
                      aria-label={t('workspace.benefits.item')}
                      placeholder={t('workspace.benefits.item')}
                      options={(props.catalogue?.items ?? []).map((i) => ({
                        value: i.code,
                        label: `${i.zh}（${i.unit}）`,
                      }))}
                      onChange={(code: string) => form.setFieldValue(['items', f.name, 'unit'], unitOf(code))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'quantity']}
                    rules={[{ required: true, message: t('workspace.common.required') }]}
                  >
                    <InputNumber
                      style={{ width: 150 }}
                      aria-label={t('workspace.benefits.quantity')}
                      placeholder={t('workspace.benefits.quantity')}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'unit']}
                    rules={[{ required: true, message: t('workspace.common.required') }]}
                  >
                    <Input
                      style={{ width: 110 }}
                      aria-label={t('workspace.benefits.unit')}
                      placeholder={t('workspace.benefits.unit')}
                    />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    {t('workspace.common.remove')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ quantity: null, unit: '' })}>
                {t('workspace.benefits.addItem')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function OptionBenefits(props: {
  readonly option: OptionDetail;
  /** Which bases the caller may edit (expected: managers while planning; actual: implementers). */
  readonly editable: readonly Basis[];
  readonly onSaved: (o: OptionDetail) => void;
}) {
  const { t } = useI18n();
  const { data: catalogue } = useApi('listOptionBenefitItems');
  const [editing, setEditing] = useState<Basis | null>(null);
  const rows = useMemo(() => lines(props.option.benefits, catalogue), [props.option.benefits, catalogue]);
  return (
    <Flex vertical gap={8}>
      <Table<Line>
        size="small"
        pagination={false}
        rowKey="itemCode"
        dataSource={rows}
        locale={{ emptyText: t('workspace.benefits.none') }}
        columns={[
          { key: 'name', title: t('workspace.benefits.item'), dataIndex: 'name' },
          {
            key: 'expected',
            title: t('workspace.basis.expected'),
            align: 'right',
            render: (_, r) => formatNumber(r.expected, 3),
          },
          {
            key: 'actual',
            title: t('workspace.basis.actual'),
            align: 'right',
            render: (_, r) => formatNumber(r.actual, 3),
          },
          { key: 'unit', title: t('workspace.benefits.unit'), dataIndex: 'unit', width: 110 },
        ]}
      />
      <Typography.Text type="secondary">
        {t('workspace.benefits.money', {
          expected: formatNumber(props.option.economicBenefitExpected_wanYuanPerYear),
          actual: formatNumber(props.option.economicBenefitActual_wanYuanPerYear),
        })}
      </Typography.Text>
      {props.editable.length > 0 ? (
        <Space>
          {props.editable.map((b) => (
            <Button key={b} onClick={() => setEditing(b)}>
              {t('workspace.benefits.edit', { basis: t(basisKey(b)) })}
            </Button>
          ))}
        </Space>
      ) : null}
      {editing ? (
        <BenefitsEditor
          option={props.option}
          basis={editing}
          catalogue={catalogue}
          onClose={() => setEditing(null)}
          onSaved={(o) => {
            setEditing(null);
            props.onSaved(o);
          }}
        />
      ) : null}
    </Flex>
  );
}
