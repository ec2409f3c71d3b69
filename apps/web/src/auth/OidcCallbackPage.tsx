import { Alert, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { t } from '../i18n';
import { finishOidcLogin } from './oidc';
import { startSession } from './session';
import { useConsoleConfig } from './use-console-config';

/** Where the identity provider sends the browser back with the authorization code. */
export function OidcCallbackPage() {
  const navigate = useNavigate();
  const config = useConsoleConfig();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const oidc = config.data?.oidc;
    if (!oidc) return;
    finishOidcLogin(oidc, new URL(window.location.href))
      .then(({ token, returnTo }) => {
        startSession(token);
        navigate(returnTo, { replace: true });
      })
      .catch((e: Error) => setProblem(`${t.login.oidcFailed}${e.message}`));
  }, [config.data, navigate]);
  return <div className="login">{problem ? <Alert type="error" showIcon title={problem} /> : <Spin tip={t.login.oidcInProgress}><div style={{ width: 240, height: 80 }} /></Spin>}</div>;
}
