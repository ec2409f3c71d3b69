import { Card, Typography } from 'antd';
import { t } from '../i18n';
import { VerifyStatus } from './VerifyStatus';

/** Whole-jurisdiction verification: every chain and every projection of the jurisdiction. */
export function JurisdictionVerifyPage() {
  return (
    <Card title={t.audit.jurisdictionVerify}>
      <Typography.Paragraph type="secondary">{t.audit.jurisdictionVerifyIntro}</Typography.Paragraph>
      <VerifyStatus />
    </Card>
  );
}
