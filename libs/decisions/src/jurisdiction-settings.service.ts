import { Clock, DomainError } from '@app/common';
import { JurisdictionSettingsRepository } from '@app/persistence';
import { DEFAULT_PROFILE_ID, latestProfile, profileIds } from '@app/procedure';
import { Inject, Injectable } from '@nestjs/common';
import { NEW_DECISION_MACHINE } from './new-decision-machine';

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
    private readonly settings: JurisdictionSettingsRepository,
    private readonly clock: Clock,
    @Inject(NEW_DECISION_MACHINE) private readonly machineVersion: number,
  ) {}

  async get(jurisdiction: string): Promise<JurisdictionSettings> {
    const row = await this.settings.find(jurisdiction);
    const profile = latestProfile(row?.profileId ?? DEFAULT_PROFILE_ID, this.machineVersion)!;
    return { jurisdiction, profile: { id: profile.id, version: profile.version }, webhookUrl: row?.webhookUrl ?? null, updatedAt: row?.updatedAt?.toISOString() ?? null };
  }

  async update(jurisdiction: string, change: { profileId: string; webhookUrl?: string | null }): Promise<JurisdictionSettings> {
    if (!latestProfile(change.profileId, this.machineVersion)) {
      throw new DomainError('PROFILE_NOT_FOUND', `未知的程序规范：${change.profileId}（可选：${profileIds().join(', ')}）`);
    }
    await this.settings.save({ jurisdiction, profileId: change.profileId, webhookUrl: change.webhookUrl ?? null, updatedAt: this.clock.now() });
    return this.get(jurisdiction);
  }
}
