/**
 * The data-collection workbook (guideline Appendix A) of an enterprise: download it pre-filled for an audit it is in
 * (`downloadDataWorkbook`), fill it in Excel, upload it back (`importDataWorkbook`: all or nothing) with the upload's
 * progress; the server's problems are listed by sheet, row and cell, and nothing is written while there are any.
 * The upload goes through XMLHttpRequest only because fetch reports no upload progress; it carries the same
 * session cookie and CSRF header as the API client.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import { Alert, Button, Checkbox, Flex, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { CSRF_HEADER } from '../../api/client.ts';
import { useApi } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';

type ImportResult = ResponseOf<Api['importDataWorkbook']>;
type Problem = ImportResult['problems'][number];

function upload(
  url: string,
  file: File,
  onProgress: (pct: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    const csrf = apiClient.csrfToken();
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

function errorMessage(body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const e = (body as { error: { message?: unknown } }).error;
    if (typeof e.message === 'string') return e.message;
  }
  return fallback;
}

/**
 * For one enterprise (`enterpriseId`: its workbook for the latest audit it is in) or for a whole audit
 * (`audit`: one row per listed enterprise and year, imported by the audit's bureau or panel).
 */
export function WorkbookImport({
  enterpriseId,
  audit: wholeAudit,
  onImported,
}: {
  enterpriseId?: string;
  audit?: { readonly id: string; readonly title: string };
  onImported: () => void;
}) {
  const { t } = useI18n();
  const audits = useApi('listAudits', wholeAudit ? null : { query: { limit: 50 } });
  const audit = wholeAudit ?? audits.data?.items[0];
  const [open, setOpen] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [progress, setProgress] = useState<number | undefined>();
  const [result, setResult] = useState<ImportResult | undefined>();
  const [failure, setFailure] = useState<string | undefined>();

  const send = async (file: File) => {
    setResult(undefined);
    setFailure(undefined);
    setProgress(0);
    try {
      // The URL only: the file goes as multipart below.
      const url = wholeAudit
        ? apiClient.url('importAuditWorkbook', {
            params: { id: wholeAudit.id },
            query: { dryRun: String(dryRun) },
            body: {},
          })
        : apiClient.url('importDataWorkbook', {
            params: { enterpriseId: enterpriseId ?? '' },
            query: audit ? { dryRun: String(dryRun), auditId: audit.id } : { dryRun: String(dryRun) },
            body: {},
          });
      const r = await upload(url, file, setProgress);
      if (r.status >= 200 && r.status < 300) {
        const res = r.body as ImportResult;
        setResult(res);
        if (res.ok && !res.dryRun) onImported();
      } else setFailure(errorMessage(r.body, `HTTP ${r.status}`));
    } catch {
      setFailure(t('enterprise.workbook.network'));
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <>
      <Space>
        {wholeAudit ? (
          <Button href={apiClient.url('downloadAuditWorkbook', { params: { id: wholeAudit.id } })}>
            {t('enterprise.workbook.download')}
          </Button>
        ) : audit && enterpriseId ? (
          <Button href={apiClient.url('downloadDataWorkbook', { params: { id: audit.id, enterpriseId } })}>
            {t('enterprise.workbook.download')}
          </Button>
        ) : null}
        <Button onClick={() => setOpen(true)}>{t('enterprise.workbook.import')}</Button>
      </Space>
      <Modal
        open={open}
        title={t('enterprise.workbook.import')}
        footer={<Button onClick={() => setOpen(false)}>{t('enterprise.workbook.close')}</Button>}
        onCancel={() => setOpen(false)}
        width={760}
        destroyOnHidden
        afterClose={() => {
          setResult(undefined);
          setFailure(undefined);
        }}
      >
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {audit
              ? t('enterprise.workbook.hintAudit', { title: audit.title })
              : t('enterprise.workbook.hint')}
          </Typography.Paragraph>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
            {t('enterprise.workbook.dryRun')}
          </Checkbox>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            disabled={progress !== undefined}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <Typography.Text>{t('enterprise.workbook.drop')}</Typography.Text>
          </Upload.Dragger>
          {progress !== undefined ? (
            <Progress percent={progress} aria-label={t('enterprise.workbook.progress')} />
          ) : null}
          {failure ? <Alert type="error" showIcon title={failure} /> : null}
          {result?.ok ? (
            <Alert
              type="success"
              showIcon
              title={t(result.dryRun ? 'enterprise.workbook.checked' : 'enterprise.workbook.done', {
                years: result.written.enterpriseYears,
                created: result.written.created,
                updated: result.written.updated,
                unchanged: result.written.unchanged,
              })}
            />
          ) : null}
          {result && !result.ok ? (
            <>
              <Alert
                type="error"
                showIcon
                title={t('enterprise.workbook.problems', { n: result.problems.length })}
              />
              <Table<Problem>
                size="small"
                rowKey={(p) => `${p.sheet ?? ''}-${p.cell ?? ''}-${p.row ?? ''}-${p.message}`}
                dataSource={result.problems}
                pagination={{ pageSize: 10 }}
                columns={[
                  { key: 'sheet', title: t('enterprise.workbook.sheet'), render: (_, p) => p.sheet ?? '—' },
                  { key: 'row', title: t('enterprise.workbook.row'), render: (_, p) => p.row ?? '—' },
                  { key: 'cell', title: t('enterprise.workbook.cell'), render: (_, p) => p.cell ?? '—' },
                  { key: 'message', title: t('enterprise.workbook.message'), render: (_, p) => p.message },
                ]}
              />
            </>
          ) : null}
        </Flex>
      </Modal>
    </>
  );
}
