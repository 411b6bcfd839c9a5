import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useI18n } from '../i18n/context.ts';

/** Shown when a route fails to load or render (e.g. its chunk is gone after a new deployment). */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Result
      status="error"
      title={t('error.generic', { message })}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('error.retry')}
        </Button>
      }
    />
  );
}
