import { checkAddress, checkWebhookUrl, parseWebhookAllowList, resolveDestination, WebhookDestinationForbidden } from '../index';

const none = parseWebhookAllowList(undefined);
const refused = (url: string, policy = none) => () => checkWebhookUrl(url, policy);

describe('webhook destination policy', () => {
  it.each([
    ['http://127.0.0.1/hook', 'loopback'],
    ['http://127.255.255.254:8080/', 'loopback'],
    ['http://2130706433/', 'loopback'], // decimal
    ['http://0x7f.1/', 'loopback'], // hex, short form
    ['http://0177.0.0.1/', 'loopback'], // octal
    ['http://127.1/', 'loopback'],
    ['http://0/', 'unspecified'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://172.31.255.255/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://100.127.255.255/', 'carrier-grade NAT'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://239.255.255.250/', 'multicast'],
    ['http://255.255.255.255/', 'reserved'],
    ['http://[::1]/', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[febf:ffff::1]/', 'link-local'],
    ['http://[fc00::1]/', 'private (unique local)'],
    ['http://[fd12:3456::1]/', 'private (unique local)'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://[::ffff:127.0.0.1]/', 'loopback (IPv4 embedded in IPv6)'],
    ['http://[::ffff:7f00:1]/', 'loopback (IPv4 embedded in IPv6)'],
    ['http://[0:0:0:0:0:ffff:10.0.0.1]/', 'private (IPv4 embedded in IPv6)'],
    ['http://[::ffff:a9fe:a9fe]/', 'link-local (IPv4 embedded in IPv6)'],
    ['http://[::ffff:100.64.0.1]/', 'carrier-grade NAT (IPv4 embedded in IPv6)'],
    ['http://[::ffff:0.0.0.0]/', 'unspecified (IPv4 embedded in IPv6)'],
    ['http://[64:ff9b::192.168.0.1]/', 'private (IPv4 embedded in IPv6)'],
    ['http://[2002:7f00:1::]/', 'loopback (IPv4 embedded in IPv6)'],
    ['http://[::127.0.0.1]/', 'loopback (IPv4 embedded in IPv6)'],
  ])('refuses %s (%s)', (url, why) => {
    expect(refused(url)).toThrow(WebhookDestinationForbidden);
    expect(refused(url)).toThrow(why);
  });

  it.each(['http://localhost:3000/', 'http://LOCALHOST./', 'http://api.localhost/', 'http://printer.local/', 'http://intranet/'])('refuses the local name %s', (url) => {
    expect(refused(url)).toThrow('local name');
  });

  it.each(['ftp://example.com/', 'file:///etc/passwd', 'gopher://example.com/', 'javascript:alert(1)', 'not a url', 'http://user:pw@example.com/'])('refuses %s (scheme, credentials, syntax)', (url) => {
    expect(refused(url)).toThrow(WebhookDestinationForbidden);
  });

  it.each(['https://hooks.example.com/notify?x=1', 'http://93.184.216.34/', 'http://8.8.8.8:8080/', 'http://[2606:4700::1111]/', 'http://[::ffff:8.8.8.8]/', 'http://172.32.0.1/', 'http://100.128.0.1/', 'http://11.0.0.1/'])(
    'accepts the public destination %s',
    (url) => {
      expect(checkWebhookUrl(url, none).url.href).toBe(new URL(url).href);
    },
  );

  it('accepts what the allow list names: a host, an address, a CIDR block (and nothing beside it)', () => {
    const policy = parseWebhookAllowList(' hooks.internal , 127.0.0.1, 10.20.0.0/16, fd00::/8 ');
    expect(checkWebhookUrl('http://HOOKS.internal:8080/x', policy).hostAllowListed).toBe(true);
    expect(() => checkWebhookUrl('http://127.0.0.1:9/hook', policy)).not.toThrow();
    expect(() => checkWebhookUrl('http://10.20.255.1/', policy)).not.toThrow();
    expect(() => checkWebhookUrl('http://[fd00::5]/', policy)).not.toThrow();
    expect(refused('http://127.0.0.2/', policy)).toThrow('loopback');
    expect(refused('http://10.21.0.1/', policy)).toThrow('private');
    expect(refused('http://other.internal/', policy)).not.toThrow(); // a public-looking name: judged on its addresses
    expect(refused('http://localhost/', policy)).toThrow('local name');
  });

  it('judges resolved addresses: every one must be allowed, whatever the name looks like', async () => {
    const resolver = (addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const checked = checkWebhookUrl('https://hooks.example.com/x', none);
    await expect(resolveDestination(checked, none, resolver(['93.184.216.34']))).resolves.toEqual([{ address: '93.184.216.34', family: 4 }]);
    await expect(resolveDestination(checked, none, resolver(['93.184.216.34', '10.0.0.5']))).rejects.toThrow('hooks.example.com resolves to 10.0.0.5 is private');
    await expect(resolveDestination(checked, none, resolver(['::ffff:169.254.169.254']))).rejects.toThrow('link-local');
    await expect(resolveDestination(checked, none, resolver([]))).rejects.toThrow('has no address');
    const allowed = parseWebhookAllowList('hooks.example.com');
    await expect(resolveDestination(checkWebhookUrl('https://hooks.example.com/x', allowed), allowed, resolver(['10.0.0.5']))).resolves.toHaveLength(1);
  });

  it('checks a bare address the way it checks a literal (what the delivery resolves)', () => {
    expect(() => checkAddress('198.51.100.7', none)).toThrow('documentation');
    expect(() => checkAddress('fe80::abcd', none)).toThrow('link-local');
    expect(() => checkAddress('1.1.1.1', none)).not.toThrow();
    expect(() => checkAddress('example.com', none)).toThrow('not an IP address');
  });
});
