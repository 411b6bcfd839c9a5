/**
 * 实施证据 (guideline 7.4.2; Appendix B 9.1): the evidence files of an option. Photos before and after the
 * implementation are shown side by side; documents (test reports, contracts, invoices, calculations, records) are
 * listed with their download. Upload: kind, title, file; the server checks the type by content and the kind's
 * accepted types, and its refusal is shown as is.
 */
import type { Api, ResponseOf } from '@cpaudit/contract';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Popconfirm,
  Row,
  Select,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { apiClient } from '../../api/apiClient.ts';
import { errorText, useAction, useApi } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { type DataColumn, DataTable } from '../DataTable.tsx';
import { EVIDENCE_KINDS, evidenceKindKey } from './labels.ts';

type Evidence = ResponseOf<Api['listOptionEvidence']>['items'][number];
type Kind = Evidence['kind'];

const contentUrl = (id: string) => apiClient.url('downloadOptionEvidence', { params: { id } });
const isImage = (e: Evidence) => e.contentType.startsWith('image/');

function PhotoColumn(props: {
  title: string;
  photos: readonly Evidence[];
  canDelete: boolean;
  onDelete: (e: Evidence) => void;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={props.title} style={{ height: '100%' }}>
      {props.photos.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workspace.evidence.noPhoto')} />
      ) : (
        <Image.PreviewGroup>
          <Flex wrap gap={12}>
            {props.photos.map((p) => (
              <figure key={p.id} style={{ margin: 0, width: 220 }}>
                <Image
                  src={contentUrl(p.id)}
                  alt={p.title}
                  width={220}
                  height={160}
                  style={{ objectFit: 'cover', borderRadius: 6, background: '#f5f5f5' }}
                />
                <figcaption>
                  <Typography.Text ellipsis style={{ maxWidth: 150 }}>
                    {p.title}
                  </Typography.Text>
                  <Typography.Text type="secondary"> · {formatDate(p.uploadedAt)}</Typography.Text>
                  {props.canDelete ? (
                    <Popconfirm
                      title={t('workspace.evidence.confirmDelete')}
                      onConfirm={() => props.onDelete(p)}
                    >
                      <Button type="link" size="small" danger>
                        {t('workspace.common.delete')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </figcaption>
              </figure>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}

function UploadForm(props: { optionId: string; onUploaded: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ kind: Kind; title?: string; note?: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    if (!file) {
      setError(t('workspace.evidence.chooseFile'));
      return;
    }
    const data = new FormData();
    data.set('kind', v.kind);
    if (v.title?.trim()) data.set('title', v.title.trim());
    if (v.note?.trim()) data.set('note', v.note.trim());
    data.set('file', file, file.name);
    setBusy(true);
    setError(undefined);
    try {
      // The client sends a FormData body as multipart; its typing only knows the contract's fields (checked by
      // the server from the multipart parts), hence the cast.
      await apiClient.call('uploadOptionEvidence', {
        params: { id: props.optionId },
        body: data as unknown as { kind: Kind },
      });
      form.resetFields(['title', 'note']);
      setFile(null);
      props.onUploaded();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ kind: 'photo_after' }}
      aria-label={t('workspace.evidence.upload')}
    >
      <Form.Item name="kind" label={t('workspace.evidence.kind')} rules={[{ required: true }]}>
        <Select
          style={{ width: 160 }}
          options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(evidenceKindKey(k)) }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('workspace.evidence.title')}>
        <Input maxLength={200} style={{ width: 200 }} placeholder={t('workspace.evidence.titleHint')} />
      </Form.Item>
      <Form.Item label={t('workspace.evidence.file')}>
        <Upload
          maxCount={1}
          accept="image/jpeg,image/png,image/webp,application/pdf,.docx,.xlsx,.txt,.csv"
          beforeUpload={(f) => {
            setFile(f);
            setError(undefined);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
        >
          <Button>{t('workspace.evidence.choose')}</Button>
        </Upload>
      </Form.Item>
      <Form.Item>
        <Button type="primary" onClick={submit} loading={busy}>
          {t('workspace.evidence.uploadButton')}
        </Button>
      </Form.Item>
      {error ? <Alert style={{ marginTop: 8, width: '100%' }} type="error" showIcon title={error} /> : null}
    </Form>
  );
}

export function OptionEvidence(props: {
  readonly optionId: string;
  /** The caller may upload and delete (the option's `can` includes `uploadEvidence`). */
  readonly canUpload: boolean;
  /** Called after an upload or a deletion (e.g. to refresh counts). */
  readonly onChange?: () => void;
}) {
  const { t } = useI18n();
  const run = useAction();
  const { data, error, loading, reload } = useApi('listOptionEvidence', { params: { id: props.optionId } });
  const items = data?.items ?? [];
  const before = items.filter((e) => e.kind === 'photo_before' && isImage(e));
  const after = items.filter((e) => e.kind === 'photo_after' && isImage(e));
  const documents = items.filter((e) => !before.includes(e) && !after.includes(e));
  const changed = () => {
    reload();
    props.onChange?.();
  };
  const remove = async (e: Evidence) => {
    const ok = await run(
      () => apiClient.call('deleteOptionEvidence', { params: { id: e.id }, query: { version: e.version } }),
      t('workspace.common.deleted'),
    );
    if (ok) changed();
  };
  const columns = useMemo<DataColumn<Evidence>[]>(
    () => [
      {
        key: 'kind',
        title: t('workspace.evidence.kind'),
        value: (e) => t(evidenceKindKey(e.kind)),
        filter: 'auto',
        width: 100,
      },
      {
        key: 'title',
        title: t('workspace.evidence.title'),
        value: (e) => e.title,
        render: (e) => (
          <a href={contentUrl(e.id)} target="_blank" rel="noreferrer">
            {e.title}
          </a>
        ),
      },
      { key: 'file', title: t('workspace.evidence.file'), value: (e) => e.fileName },
      { key: 'type', title: t('workspace.evidence.type'), value: (e) => e.contentType, width: 120 },
      {
        key: 'size',
        title: t('workspace.evidence.size'),
        value: (e) => e.sizeBytes,
        render: (e) => `${formatNumber(e.sizeBytes / 1024, 1)} KB`,
        align: 'right',
        width: 80,
      },
      {
        key: 'at',
        title: t('workspace.evidence.at'),
        value: (e) => formatDate(e.uploadedAt),
        sortable: true,
        width: 100,
      },
      {
        key: 'actions',
        title: t('workspace.common.actions'),
        value: () => '',
        exported: false,
        width: 120,
        render: (e) => (
          <Flex gap={4}>
            <Button type="link" size="small" href={contentUrl(e.id)} download={e.fileName}>
              {t('workspace.evidence.download')}
            </Button>
            {props.canUpload ? (
              <Popconfirm title={t('workspace.evidence.confirmDelete')} onConfirm={() => remove(e)}>
                <Button type="link" size="small" danger>
                  {t('workspace.common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        ),
      },
    ],
    [t, props.canUpload],
  );

  if (error)
    return (
      <Alert type="error" showIcon title={t('workspace.common.loadFailed', { message: error.message })} />
    );
  return (
    <Flex vertical gap={16}>
      {props.canUpload ? <UploadForm optionId={props.optionId} onUploaded={changed} /> : null}
      <Row gutter={16} aria-label={t('workspace.evidence.beforeAfter')}>
        <Col xs={24} lg={12}>
          <PhotoColumn
            title={t('workspace.evidence.photo_before')}
            photos={before}
            canDelete={props.canUpload}
            onDelete={remove}
          />
        </Col>
        <Col xs={24} lg={12}>
          <PhotoColumn
            title={t('workspace.evidence.photo_after')}
            photos={after}
            canDelete={props.canUpload}
            onDelete={remove}
          />
        </Col>
      </Row>
      <DataTable<Evidence>
        title={<Typography.Text strong>{t('workspace.evidence.documents')}</Typography.Text>}
        columns={columns}
        rows={documents}
        rowKey={(e) => e.id}
        loading={loading}
        pageSize={10}
      />
    </Flex>
  );
}
