/**
 * A modal form that sends its values to the API: the server's error lands on the field it names (e.g. the credit
 * code `uscc`), or is shown under the form with its issues.
 */
import { Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../../i18n/context.ts';
import { ErrorIssues, showFieldError } from './shared.tsx';

export function FormModal<V extends object>(props: {
  open: boolean;
  title: string;
  /** The form's field names (top level), to match the server's error field. */
  fields: readonly string[];
  initialValues?: Partial<V>;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
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
      if (!showFieldError(form, e, props.fields)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      onOk={submit}
      confirmLoading={busy}
      onCancel={props.onClose}
      width={props.width ?? 600}
      destroyOnHidden
      afterClose={() => setError(undefined)}
    >
      <Form<V> form={form} layout="vertical" initialValues={props.initialValues} preserve={false}>
        {typeof props.children === 'function' ? props.children(form) : props.children}
      </Form>
      {error ? <ErrorIssues error={error} /> : null}
    </Modal>
  );
}
