import { Button, Result } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/context.ts';

/** 404 (no such page, or a feature not open yet) and 403 (not for your roles). */
export function StatusPage({ status }: { status: '404' | '403' }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Result
      status={status}
      title={t(status === '404' ? 'notFound.title' : 'forbidden.title')}
      subTitle={t(status === '404' ? 'notFound.description' : 'forbidden.description', { path: pathname })}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('notFound.home')}
        </Button>
      }
    />
  );
}

/** The route element for unknown addresses. */
export default function NotFoundPage() {
  return <StatusPage status="404" />;
}
