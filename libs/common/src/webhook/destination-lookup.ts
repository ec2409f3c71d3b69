import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { checkAddress, WebhookDestinationForbidden, type CheckedUrl, type WebhookDestinationPolicy } from './destination-policy';

export type ResolveAll = (host: string) => Promise<LookupAddress[]>;

const systemResolveAll: ResolveAll = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/**
 * The addresses the checked URL's host resolves to, every one of them allowed
 * (a name resolving to a public and a private address is refused: a rebinding
 * resolver would hand out either). An allow-listed host name skips the check.
 */
export async function resolveDestination(checked: CheckedUrl, policy: WebhookDestinationPolicy, resolveAll: ResolveAll = systemResolveAll): Promise<LookupAddress[]> {
  if (checked.literal) return [{ address: checked.literal, family: checked.literal.includes(':') ? 6 : 4 }];
  const addresses = await resolveAll(checked.host);
  if (!addresses.length) throw new WebhookDestinationForbidden(`${checked.host} has no address`);
  if (!checked.hostAllowListed) {
    for (const a of addresses) {
      try {
        checkAddress(a.address, policy);
      } catch (err) {
        throw new WebhookDestinationForbidden(`${checked.host} resolves to ${(err as Error).message}`);
      }
    }
  }
  return addresses;
}
