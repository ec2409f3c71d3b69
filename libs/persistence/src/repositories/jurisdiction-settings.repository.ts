import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JurisdictionSettingsEntity } from '../entities/jurisdiction-settings.entity';
import type { SqlExecutor } from '../sql/sql-session';

/** Per-jurisdiction settings: the profile new decisions start on, the notification webhook. */
@Injectable()
export class JurisdictionSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(jurisdiction: string): Promise<JurisdictionSettingsEntity | null> {
    return this.dataSource.getRepository(JurisdictionSettingsEntity).findOneBy({ jurisdiction });
  }

  /** The profile id set for the jurisdiction, on the caller's session (the write path reads it with the registration). */
  async profileId(em: SqlExecutor, jurisdiction: string): Promise<string | undefined> {
    const rows: { profile_id: string }[] = await em.query(`SELECT profile_id FROM jurisdiction_settings WHERE jurisdiction = $1`, [jurisdiction]);
    return rows[0]?.profile_id;
  }

  /** Replace the webhook's signing secret; false when the jurisdiction has no webhook. */
  async rotateSecret(jurisdiction: string, secret: string, at: Date): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE jurisdiction_settings SET webhook_secret = $2, updated_at = $3 WHERE jurisdiction = $1 AND webhook_url IS NOT NULL`,
      [jurisdiction, secret, at],
    );
    return affected === 1;
  }

  async save(settings: JurisdictionSettingsEntity): Promise<void> {
    await this.dataSource.getRepository(JurisdictionSettingsEntity).upsert(settings, ['jurisdiction']);
  }
}
