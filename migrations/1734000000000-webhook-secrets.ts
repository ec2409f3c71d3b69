import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed webhooks: each jurisdiction's HMAC secret (shown to its admin once, on set or rotation), and an
 * index for the per-jurisdiction delivery lanes. A webhook set before this migration gets a secret nobody
 * has seen: its receiver cannot check signatures until the admin rotates it (README, "Webhooks").
 */
export class WebhookSecrets1734000000000 implements MigrationInterface {
  name = 'WebhookSecrets1734000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jurisdiction_settings ADD COLUMN webhook_secret text`);
    await q.query(`
      UPDATE jurisdiction_settings
         SET webhook_secret = 'whsec_' || encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')
       WHERE webhook_url IS NOT NULL`);
    await q.query(`CREATE INDEX notifications_undelivered_by_jurisdiction_idx ON notifications (jurisdiction, created_at) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_undelivered_by_jurisdiction_idx`);
    await q.query(`ALTER TABLE jurisdiction_settings DROP COLUMN webhook_secret`);
  }
}
