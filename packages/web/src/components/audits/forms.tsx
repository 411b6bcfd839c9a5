/**
 * Form helpers of the audit pages: a modal form that sends its values to the API and puts the server's
 * validation error on the field it names (`periodEnd`, `body.industryCodes.0`, …), or under the form.
 */
import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';

/** Puts the API's error on the form field it names; false when no field of the form matched. */
export function setServerFieldError(
  form: FormInstance,
  e: unknown,
  fieldNames: readonly string[],
  alias: Readonly<Record<string, string>> = {},
): boolean {
  if (!(e instanceof ApiError)) return false;
  const named = [e.field, ...e.issues.map((i) => i.field)].filter((f): f is string => typeof f === 'string');
  for (const f of named) {
    const top = f.replace(/^body\./, '').split('.')[0] ?? '';
    const target = alias[top] ?? top;
    if (fieldNames.includes(target)) {
      form.setFields([{ name: target, errors: [e.message] }]);
      return true;
    }
  }
  return false;
}

export function AuditFormModal<V extends object>(props: {
  open: boolean;
  title: string;
  /** The form's field names, to match the server's error field. */
  fields: readonly string[];
  /** Server field → form field (e.g. periodStart → period). */
  alias?: Readonly<Record<string, string>>;
  initialValues?: Partial<V>;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
  width?: number;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setError(undefined);
    setBusy(true);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (e) {
      if (!setServerFieldError(form, e, props.fields, props.alias)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={t('audits.common.save')}
      cancelText={t('audits.common.cancel')}
      onOk={submit}
      confirmLoading={busy}
      onCancel={props.onClose}
      width={props.width ?? 640}
      destroyOnHidden
      afterClose={() => setError(undefined)}
    >
      <Form<V> form={form} layout="vertical" initialValues={props.initialValues} preserve={false}>
        {props.children}
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
    </Modal>
  );
}
