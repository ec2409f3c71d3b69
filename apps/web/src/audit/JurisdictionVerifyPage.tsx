import { Card, Typography } from 'antd';
import { t } from '../i18n';
import { LatestCheckpoint } from './LatestCheckpoint';
import { VerifyStatus } from './VerifyStatus';

/** Whole-jurisdiction verification: every chain and every projection of the jurisdiction, and the latest signed checkpoint. */
export function JurisdictionVerifyPage() {
  return (
    <Card title={t.audit.jurisdictionVerify}>
      <Typography.Paragraph type="secondary">{t.audit.jurisdictionVerifyIntro}</Typography.Paragraph>
      <VerifyStatus />
      <LatestCheckpoint />
    </Card>
  );
}
