import { DomainError } from '@app/common';
import { DEFAULT_PROFILE_ID, latestProfile, profileIds } from '@app/procedure';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from './clock';

export interface JurisdictionSettings {
  jurisdiction: string;
  profile: { id: string; version: number };
  webhookUrl: string | null;
  updatedAt: string | null;
}

/**
 * Per-jurisdiction settings: which procedure profile new decisions start on
 * (running decisions keep the version they were pinned to) and where notices go.
 */
@Injectable()
export class JurisdictionSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(jurisdiction: string): Promise<JurisdictionSettings> {
    const [row] = await this.dataSource.query(`SELECT * FROM jurisdiction_settings WHERE jurisdiction = $1`, [jurisdiction]);
    const profile = latestProfile(row?.profile_id ?? DEFAULT_PROFILE_ID)!;
    return { jurisdiction, profile: { id: profile.id, version: profile.version }, webhookUrl: row?.webhook_url ?? null, updatedAt: row?.updated_at?.toISOString() ?? null };
  }

  async update(jurisdiction: string, change: { profileId: string; webhookUrl?: string | null }): Promise<JurisdictionSettings> {
    if (!latestProfile(change.profileId)) {
      throw new DomainError('PROFILE_NOT_FOUND', `未知的程序规范：${change.profileId}（可选：${profileIds().join(', ')}）`);
    }
    await this.dataSource.query(
      `INSERT INTO jurisdiction_settings (jurisdiction, profile_id, webhook_url, updated_at) VALUES ($1,$2,$3,$4)
       ON CONFLICT (jurisdiction) DO UPDATE SET profile_id = EXCLUDED.profile_id, webhook_url = EXCLUDED.webhook_url, updated_at = EXCLUDED.updated_at`,
      [jurisdiction, change.profileId, change.webhookUrl ?? null, this.clock.now()],
    );
    return this.get(jurisdiction);
  }
}
