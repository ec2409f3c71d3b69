import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { t } from '../i18n';

/** Any path of the console that is no page. */
export function NotFoundPage() {
  const navigate = useNavigate();
  return <Result status="404" title={t.app.notFoundTitle} subTitle={t.app.notFound} extra={<Button type="primary" onClick={() => navigate('/')}>{t.app.toHome}</Button>} />;
}
