import { Alert, Button, Card, Divider, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { t } from '../i18n';
import { startOidcLogin } from './oidc';
import { endSession, startSession, takeExpiredFlag } from './session';
import { useConsoleConfig } from './use-console-config';

/** Login: the jurisdiction's identity provider when configured; a bearer token for local use (the token CLI prints a link with it). */
export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const config = useConsoleConfig();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(() => (takeExpiredFlag() ? t.login.expired : null));
  const [busy, setBusy] = useState(false);
  const returnTo = (location.state as { from?: string } | null)?.from ?? '/';

  async function login(candidate: string) {
    if (!candidate.trim()) return setProblem(t.login.empty);
    setBusy(true);
    if (!startSession(candidate)) {
      setBusy(false);
      return setProblem(t.login.invalid);
    }
    // the API is the judge of a token: one cheap read
    const { response } = await api.GET('/api/decisions', { params: { query: { pageSize: 1 } } });
    setBusy(false);
    if (response.status === 401) {
      endSession();
      return setProblem(t.login.invalid);
    }
    navigate(returnTo, { replace: true });
  }

  useEffect(() => {
    // the token CLI's console link carries the token in the fragment, which never reaches a server log
    const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
    if (fromLink) {
      window.history.replaceState(null, '', location.pathname);
      void login(fromLink);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const oidc = config.data?.oidc;
  return (
    <div className="login">
      <Card title={<Space orientation="vertical" size={0}><Typography.Title level={3} style={{ margin: 0 }}>{t.app.title}</Typography.Title><Typography.Text type="secondary">{t.app.subtitle}</Typography.Text></Space>} style={{ width: 560 }}>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        {oidc && (
          <>
            <Button type="primary" size="large" block onClick={() => void startOidcLogin(oidc, returnTo).catch((e: Error) => setProblem(`${t.login.oidcFailed}${e.message}`))}>
              {t.login.oidc}
            </Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t.login.oidcHelp}</Typography.Paragraph>
            <Divider plain>{t.login.or}</Divider>
          </>
        )}
        <form onSubmit={(e) => { e.preventDefault(); void login(token); }}>
          <label htmlFor="token"><Typography.Text strong>{t.login.tokenLabel}</Typography.Text></label>
          <Input.TextArea id="token" rows={4} value={token} placeholder={t.login.tokenPlaceholder} onChange={(e) => setToken(e.target.value)} style={{ margin: '8px 0' }} />
          <Typography.Paragraph type="secondary">{t.login.tokenHelp}</Typography.Paragraph>
          <Button type={oidc ? 'default' : 'primary'} htmlType="submit" loading={busy} block>{t.login.submit}</Button>
        </form>
      </Card>
    </div>
  );
}
