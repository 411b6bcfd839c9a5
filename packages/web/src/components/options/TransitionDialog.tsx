/**
 * Asks what a status move needs (reason, implementation or verification date), or nothing, then calls
 * `transitionOption`. Refusals show the server's reason in the dialog.
 */
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { type OptionStatus, optionStatusKey } from './labels.ts';
import { type OptionDetail, transition, transitionNeeds } from './transition.ts';

export interface PendingMove {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly implementedOn: string | null;
  readonly to: OptionStatus;
}

export function TransitionDialog(props: {
  readonly move: PendingMove | null;
  readonly onDone: (result: OptionDetail) => void;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  const { move } = props;
  const [form] = Form.useForm<{ reason?: string; date?: Dayjs }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (move) {
      form.resetFields();
      form.setFieldsValue({ date: dayjs() });
      setError(undefined);
    }
  }, [move, form]);
  if (!move) return null;
  const needs = transitionNeeds(move.to, move.implementedOn);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const date = v.date?.format('YYYY-MM-DD');
      const result = await transition(move.id, move.version, move.to, {
        ...(needs === 'reason' && v.reason ? { reason: v.reason } : {}),
        ...(needs === 'implementedOn' && date ? { implementedOn: date } : {}),
        ...(needs === 'verifiedOn' && date ? { verifiedOn: date } : {}),
      });
      props.onDone(result);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('workspace.move.title', { name: move.name, status: t(optionStatusKey(move.to)) })}
      okText={t('workspace.move.confirm')}
      cancelText={t('workspace.common.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {needs === 'reason' ? (
          <Form.Item
            name="reason"
            label={t('workspace.move.reason')}
            rules={[{ required: true, whitespace: true, message: t('workspace.common.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : null}
        {needs === 'implementedOn' || needs === 'verifiedOn' ? (
          <Form.Item
            name="date"
            label={t(
              needs === 'implementedOn' ? 'workspace.move.implementedOn' : 'workspace.move.verifiedOn',
            )}
            rules={[{ required: true, message: t('workspace.common.required') }]}
          >
            <DatePicker />
          </Form.Item>
        ) : null}
        {needs === null ? <p>{t('workspace.move.sure')}</p> : null}
      </Form>
      {error ? <Alert type="error" showIcon title={t('workspace.move.refused')} description={error} /> : null}
    </Modal>
  );
}
