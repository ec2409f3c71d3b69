import {
  checkWebhookUrl,
  Clock,
  DomainError,
  newWebhookSecret,
  resolveDestination,
  WebhookDestinationForbidden,
  webhookPolicyFromEnv,
  type ResolveAll,
} from '@app/common';
import { JurisdictionSettingsRepository } from '@app/persistence';
import { DEFAULT_PROFILE_ID, latestProfile, profileIds } from '@app/procedure';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { NEW_DECISION_MACHINE } from './new-decision-machine';

export interface JurisdictionSettings {
  jurisdiction: string;
  profile: { id: string; version: number };
  webhookUrl: string | null;
  /** whether deliveries are signed with a secret (never shown again after set/rotate) */
  webhookSigned: boolean;
  /** only in the answer that generated it: the HMAC-SHA256 key of the X-MDE-Signature header */
  webhookSecret?: string;
  updatedAt: string | null;
}

/** Name resolution used at setting time; injectable so tests need no DNS. */
export const WEBHOOK_RESOLVER = Symbol('WEBHOOK_RESOLVER');
const SETTING_LOOKUP_TIMEOUT_MS = 3_000;

/**
 * Per-jurisdiction settings: which procedure profile new decisions start on
 * (running decisions keep the version they were pinned to) and where notices go.
 * A webhook must pass the destination policy (WEBHOOK_DESTINATION_FORBIDDEN);
 * the worker checks it again after resolving the name, at each delivery.
 */
@Injectable()
export class JurisdictionSettingsService {
  constructor(
    private readonly settings: JurisdictionSettingsRepository,
    private readonly clock: Clock,
    @Inject(NEW_DECISION_MACHINE) private readonly machineVersion: number,
    @Optional() @Inject(WEBHOOK_RESOLVER) private readonly resolveAll?: ResolveAll,
  ) {}

  async get(jurisdiction: string): Promise<JurisdictionSettings> {
    const row = await this.settings.find(jurisdiction);
    const profile = latestProfile(row?.profileId ?? DEFAULT_PROFILE_ID, this.machineVersion)!;
    return {
      jurisdiction,
      profile: { id: profile.id, version: profile.version },
      webhookUrl: row?.webhookUrl ?? null,
      webhookSigned: !!row?.webhookUrl && !!row.webhookSecret,
      updatedAt: row?.updatedAt?.toISOString() ?? null,
    };
  }

  /** A new webhook URL gets a new secret, returned once; the same URL keeps its secret. */
  async update(jurisdiction: string, change: { profileId: string; webhookUrl?: string | null }): Promise<JurisdictionSettings> {
    if (!latestProfile(change.profileId, this.machineVersion)) {
      throw new DomainError('PROFILE_NOT_FOUND', `未知的程序规范：${change.profileId}（可选：${profileIds().join(', ')}）`);
    }
    const webhookUrl = change.webhookUrl ?? null;
    if (webhookUrl) await this.checkDestination(webhookUrl);
    const before = await this.settings.find(jurisdiction);
    const keep = !!webhookUrl && before?.webhookUrl === webhookUrl && !!before.webhookSecret;
    const webhookSecret = !webhookUrl ? null : keep ? before!.webhookSecret : newWebhookSecret();
    await this.settings.save({ jurisdiction, profileId: change.profileId, webhookUrl, webhookSecret, updatedAt: this.clock.now() });
    const now = await this.get(jurisdiction);
    return webhookSecret && !keep ? { ...now, webhookSecret } : now;
  }

  /** A new signing secret for the jurisdiction's webhook, returned this once (WEBHOOK_NOT_SET without a webhook). */
  async rotateSecret(jurisdiction: string): Promise<JurisdictionSettings> {
    const webhookSecret = newWebhookSecret();
    if (!(await this.settings.rotateSecret(jurisdiction, webhookSecret, this.clock.now()))) {
      throw new DomainError('WEBHOOK_NOT_SET', '本辖区未设置通知回调地址，无密钥可更换');
    }
    return { ...(await this.get(jurisdiction)), webhookSecret };
  }

  /** The static policy, then the addresses the name resolves to now (an unresolvable name is left to delivery). */
  private async checkDestination(url: string): Promise<void> {
    const policy = webhookPolicyFromEnv();
    try {
      const checked = checkWebhookUrl(url, policy);
      await withTimeout(resolveDestination(checked, policy, this.resolveAll), SETTING_LOOKUP_TIMEOUT_MS).catch((err) => {
        if (err instanceof WebhookDestinationForbidden) throw err;
      });
    } catch (err) {
      if (!(err instanceof WebhookDestinationForbidden)) throw err;
      throw new DomainError('WEBHOOK_DESTINATION_FORBIDDEN', `通知回调地址不允许：${err.message}（仅限 http/https 公网地址；内网地址须列入 WEBHOOK_ALLOW_HOSTS）`, undefined, { field: 'webhookUrl' });
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
