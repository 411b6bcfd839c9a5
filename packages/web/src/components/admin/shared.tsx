/**
 * Small pieces shared by the admin, expert and bureau-enterprise pages: the server's field error put on the form
 * field it names, the verification status of a reference source, the "not found or not yours" result.
 */
import { Alert, type FormInstance, Result, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../api/hooks.ts';
import { useI18n } from '../../i18n/context.ts';

/**
 * Puts the API's error on the form field it names (`field` or the first issue's field, dotted path), when the form
 * has that field. Returns false when no field of the form matched (the caller then shows the message elsewhere).
 */
export function showFieldError(form: FormInstance, e: unknown, fieldNames: readonly string[]): boolean {
  if (!(e instanceof ApiError)) return false;
  const named = [e.field, ...e.issues.map((i) => i.field)].filter((f): f is string => typeof f === 'string');
  for (const f of named) {
    const path = f.replace(/^body\./, '');
    const top = path.split('.')[0] ?? '';
    if (fieldNames.includes(top)) {
      form.setFields([{ name: top, errors: [e.message] }]);
      return true;
    }
  }
  return false;
}

/** The issues of a failed call, one line each (field or sheet/row/cell, then the message). */
export function ErrorIssues({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === undefined || error === null) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error)}
      description={
        issues.length === 0 ? undefined : (
          <ul style={{ margin: 0, paddingInlineStart: 20 }} aria-label={t('admin.common.issues')}>
            {issues.slice(0, 50).map((i, n) => (
              <li key={n}>
                {[i.field, i.sheet, i.row === undefined ? undefined : `#${i.row}`, i.cell]
                  .filter(Boolean)
                  .join(' · ')}
                {i.field || i.sheet ? '：' : ''}
                {i.message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}

const SOURCE_COLORS: Record<string, string> = {
  seed: 'blue',
  'verified-page': 'green',
  'verified-cross-checked': 'green',
  'code-only': 'orange',
  unverified: 'red',
  user: 'purple',
};

export interface SourceLike {
  readonly document: string;
  readonly clause?: string | undefined;
  readonly url?: string | undefined;
  readonly status: string;
  readonly note?: string | undefined;
}

/** The verification status of a source as a coloured tag; the note as its tooltip. */
export function SourceStatusTag({ status, note }: { status: string; note?: string | undefined }) {
  const { t } = useI18n();
  const known = status in SOURCE_COLORS;
  const label = known
    ? t(`admin.source.${status as keyof typeof SOURCE_COLORS}` as 'admin.source.seed')
    : status;
  const tag = <Tag color={SOURCE_COLORS[status] ?? 'default'}>{label}</Tag>;
  return note ? <Tooltip title={note}>{tag}</Tooltip> : tag;
}

/** Document, clause and link of a source. */
export function SourceText({ source }: { source: SourceLike }) {
  const text = source.clause ? `${source.document} ${source.clause}` : source.document;
  return (
    <Typography.Text style={{ maxWidth: 420 }} ellipsis={{ tooltip: text }}>
      {source.url ? (
        <a href={source.url} target="_blank" rel="noreferrer">
          {text}
        </a>
      ) : (
        text
      )}
    </Typography.Text>
  );
}

/** What a page shows when the API answered 404: the record does not exist or is not in the caller's scope. */
export function NotYours({ extra }: { extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('admin.common.notYours')}
      subTitle={t('admin.common.notYoursHint')}
      extra={extra}
    />
  );
}

/** Heading of a page with its description. */
export function PageHeading({ title, description }: { title: string; description?: string }) {
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {description ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {description}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
