import { addressBytes, forbiddenBecause, inCidr, parseCidr, type Cidr } from './ip-ranges';

/**
 * Where webhooks may go: http(s) only, and only to public unicast addresses,
 * unless the host name or a CIDR block holding the address is allow-listed
 * (WEBHOOK_ALLOW_HOSTS, comma-separated: `hooks.internal, 10.1.2.0/24, ::1`).
 */
export interface WebhookDestinationPolicy {
  hosts: Set<string>;
  blocks: Cidr[];
}

/** Refusal of a destination: a reason for the admin (and the delivery log). */
export class WebhookDestinationForbidden extends Error {}

export function parseWebhookAllowList(text: string | undefined): WebhookDestinationPolicy {
  const policy: WebhookDestinationPolicy = { hosts: new Set(), blocks: [] };
  for (const entry of (text ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    const block = parseCidr(entry);
    if (block) policy.blocks.push(block);
    else policy.hosts.add(entry);
  }
  return policy;
}

/** The policy of this process (read at each call, so a changed environment takes effect at once). */
export function webhookPolicyFromEnv(env: Record<string, string | undefined> = process.env): WebhookDestinationPolicy {
  return parseWebhookAllowList(env.WEBHOOK_ALLOW_HOSTS);
}

/** A URL that passed the static check: its host as it will be resolved, and the address when it is a literal. */
export interface CheckedUrl {
  url: URL;
  /** the host name without IPv6 brackets, lower case */
  host: string;
  hostAllowListed: boolean;
  /** set when the host is an IP literal */
  literal: string | null;
}

/**
 * What can be judged without DNS: the scheme, credentials, the host name (localhost
 * names), and an IP literal in any form the URL parser accepts (it canonicalises
 * `http://2130706433/`, `http://0x7f.1/`, `http://[::ffff:127.0.0.1]/`).
 */
export function checkWebhookUrl(raw: string, policy: WebhookDestinationPolicy): CheckedUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookDestinationForbidden('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookDestinationForbidden(`scheme ${url.protocol} (only http and https)`);
  if (url.username || url.password) throw new WebhookDestinationForbidden('credentials in the URL');
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  const hostAllowListed = policy.hosts.has(host);
  const literal = addressBytes(host) ? host : null;
  if (!hostAllowListed) {
    if (literal) checkAddress(literal, policy);
    else if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || !host.includes('.')) {
      throw new WebhookDestinationForbidden(`host ${host} is a local name`);
    }
  }
  return { url, host, hostAllowListed, literal };
}

/** Throws unless `ip` is a public unicast address or lies in an allow-listed block. */
export function checkAddress(ip: string, policy: WebhookDestinationPolicy): void {
  const bytes = addressBytes(ip);
  if (!bytes) throw new WebhookDestinationForbidden(`${ip} is not an IP address`);
  if (policy.blocks.some((b) => inCidr(bytes, b))) return;
  const why = forbiddenBecause(bytes);
  if (why) throw new WebhookDestinationForbidden(`${ip} is ${why}`);
}
