import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/api-error';
import type { VerifyReport } from '../api/types';
import { fmt, t } from '../i18n';
import { ErrorNotice } from '../shared/ErrorNotice';

/** Runs GET /api/audit/verify and shows the result and the first broken event. */
export function VerifyStatus() {
  const [report, setReport] = useState<VerifyReport>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      setReport(unwrap(await api.GET('/api/audit/verify')));
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={run} loading={busy} data-testid="run-verify">{t.worklist.runVerify}</Button>
      {error !== undefined && <ErrorNotice error={error} />}
      {report && (
        <Alert
          type={report.ok ? 'success' : 'error'}
          showIcon
          data-testid="verify-result"
          title={report.ok ? t.audit.ok : t.audit.notOk}
          description={
            <>
              {t.audit.checkedEvents}：{report.checkedEvents}　{report.checkedDecisions !== undefined && `${t.audit.checkedDecisions}：${report.checkedDecisions}`}
              {report.firstBroken && (
                <div>
                  {report.firstBroken.seq !== undefined ? fmt(t.audit.broken, { seq: report.firstBroken.seq }) : t.audit.brokenAtCheckpoint}
                  {report.firstBroken.reason}
                  {(report.firstBroken.decisionId ?? report.firstBroken.catalogueId ?? report.firstBroken.unitId) && `（${report.firstBroken.decisionId ?? report.firstBroken.catalogueId ?? report.firstBroken.unitId}）`}
                </div>
              )}
            </>
          }
        />
      )}
    </Space>
  );
}
