import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/session.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Logo } from '../components/Logo.tsx';
import { useI18n } from '../i18n/context.ts';
import { HEADER_BG, PRIMARY } from '../theme.ts';

interface LoginFields {
  username: string;
  password: string;
}

const FIELDS: readonly (keyof LoginFields)[] = ['username', 'password'];

/** The `from` of a `LoginRedirectState`, if it is a safe in-app path; else the dashboard. */
function redirectTarget(state: unknown): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? state.from : undefined;
  // Only an in-app path: never bounce to another origin, nor back to the login page.
  return typeof from === 'string' &&
    from.startsWith('/') &&
    !from.startsWith('//') &&
    !from.startsWith('/login')
    ? from
    : '/';
}

export default function LoginPage() {
  const { t, locale } = useI18n();
  const { session, login } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<LoginFields>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const target = redirectTarget(location.state);
  if (session.status === 'checking') return <FullPageSpin tip={t('session.checking')} />;
  if (session.status === 'authenticated' && !submitting) return <Navigate to={target} replace />;

  const onFinish = async ({ username, password }: LoginFields) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(target, { replace: true });
    } catch (e) {
      const fieldName = e instanceof ApiError ? FIELDS.find((f) => f === e.field) : undefined;
      if (e instanceof ApiError && fieldName) {
        form.setFields([{ name: fieldName, errors: [e.message] }]);
      } else if (e instanceof ApiError && e.isUnreachable) {
        setError(t('error.network'));
      } else if (e instanceof ApiError && e.code === 'BAD_RESPONSE') {
        setError(t('error.badResponse'));
      } else {
        setError(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const reason = session.status === 'anonymous' ? session.reason : undefined;
  const notice: { type: 'info' | 'warning'; text: string } | null =
    reason === 'expired'
      ? { type: 'info', text: t('session.expired') }
      : reason === 'unreachable'
        ? { type: 'warning', text: t('session.serverUnreachable') }
        : null;

  return (
    <Flex style={{ minHeight: '100vh' }}>
      <Flex
        vertical
        justify="space-between"
        style={{
          flex: '1 1 50%',
          padding: '48px 56px',
          color: '#fff',
          background: `linear-gradient(155deg, ${HEADER_BG} 0%, ${PRIMARY} 100%)`,
        }}
      >
        <Flex align="center" gap={12}>
          <Logo size={36} />
          <span style={{ fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>{t('app.shortName')}</span>
        </Flex>
        <div>
          <Typography.Title
            level={1}
            style={{ color: '#fff', margin: 0, fontSize: 40, letterSpacing: locale === 'zh-CN' ? 2 : 0 }}
          >
            {t('app.name')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.82)', fontSize: 16, marginTop: 16 }}>
            {t('app.tagline')}
          </Typography.Paragraph>
        </div>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.6)' }}>{t('app.footer')}</Typography.Text>
      </Flex>

      <Flex vertical style={{ flex: '0 0 480px', padding: '24px 40px', background: '#fff' }}>
        <Flex justify="flex-end">
          <LanguageSwitch size="small" />
        </Flex>
        <Flex vertical justify="center" style={{ flex: 1 }}>
          <section aria-labelledby="login-title">
            <Typography.Title id="login-title" level={2} style={{ marginTop: 0, marginBottom: 24 }}>
              {t('login.title')}
            </Typography.Title>
            {notice ? (
              <Alert type={notice.type} showIcon title={notice.text} style={{ marginBottom: 16 }} />
            ) : null}
            {error ? (
              <Alert
                type="error"
                showIcon
                title={t('login.failed')}
                description={error}
                style={{ marginBottom: 16 }}
                role="alert"
              />
            ) : null}
            <Form<LoginFields>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={onFinish}
              onValuesChange={() => setError(null)}
              disabled={submitting}
              size="large"
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.username.required') }]}
              >
                <Input autoComplete="username" autoFocus maxLength={64} />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.password.required') }]}
              >
                <Input.Password autoComplete="current-password" maxLength={256} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {submitting ? t('login.submitting') : t('login.submit')}
              </Button>
            </Form>
            <Typography.Paragraph type="secondary" style={{ marginTop: 24, marginBottom: 0 }}>
              {t('login.hint')}
            </Typography.Paragraph>
          </section>
        </Flex>
      </Flex>
    </Flex>
  );
}
