import { Alert, Button } from 'antd';
import { ApiError, explainError } from '../api/api-error';
import { t } from '../i18n';

/** A failed load or refused action, explained in words; a retry when one makes sense. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const notAvailable = error instanceof ApiError && error.status === 404 && error.body.message?.startsWith('Cannot ');
  const lines = notAvailable ? [t.app.notAvailable] : explainError(error);
  return (
    <Alert
      type="error"
      showIcon
      title={t.errors.title}
      description={lines.length === 1 ? lines[0] : <ul className="reasons">{lines.map((l) => <li key={l}>{l}</li>)}</ul>}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t.app.retry}</Button> : undefined}
    />
  );
}
