/**
 * 方案针对的问题 (principle b: every option answers a diagnosed problem): choose the audit's problems an option
 * answers and save them with `setOptionProblems` (versioned on the option).
 */
import { Button, Modal, Select } from 'antd';
import { useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { useAction, useApi } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { problemScopeKey } from './labels.ts';
import type { OptionDetail } from './transition.ts';

function Editor(props: {
  option: OptionDetail;
  auditId: string;
  onClose: () => void;
  onSaved: (o: OptionDetail) => void;
}) {
  const { t } = useI18n();
  const run = useAction();
  const { data } = useApi('listAuditProblems', { params: { id: props.auditId }, query: { limit: 500 } });
  const [ids, setIds] = useState<string[]>(props.option.problems.map((p) => p.id));
  const [busy, setBusy] = useState(false);
  // An enterprise-level option answers common problems and its own enterprise's individual ones.
  const problems = (data?.items ?? []).filter(
    (p) => p.scope === 'common' || p.enterpriseId === props.option.enterpriseId,
  );
  const save = async () => {
    setBusy(true);
    const saved = await run(
      () =>
        apiClient.call('setOptionProblems', {
          params: { id: props.option.id },
          body: { version: props.option.version, problemIds: ids },
        }),
      t('workspace.common.saved'),
    );
    setBusy(false);
    if (saved) props.onSaved(saved);
  };
  return (
    <Modal
      open
      width={720}
      title={t('workspace.option.editProblems')}
      okText={t('workspace.common.save')}
      cancelText={t('workspace.common.cancel')}
      confirmLoading={busy}
      onOk={save}
      onCancel={props.onClose}
    >
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        aria-label={t('workspace.option.problems')}
        value={ids}
        onChange={setIds}
        optionFilterProp="label"
        options={problems.map((p) => ({ value: p.id, label: `${t(problemScopeKey(p.scope))}：${p.title}` }))}
      />
    </Modal>
  );
}

export function OptionProblemsEditor(props: {
  readonly option: OptionDetail;
  readonly onSaved: (o: OptionDetail) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const auditId = props.option.auditId;
  if (!auditId) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('workspace.option.editProblems')}
      </Button>
      {open ? (
        <Editor
          option={props.option}
          auditId={auditId}
          onClose={() => setOpen(false)}
          onSaved={(o) => {
            setOpen(false);
            props.onSaved(o);
          }}
        />
      ) : null}
    </>
  );
}
