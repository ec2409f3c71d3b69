import { createHmac } from 'node:crypto';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const body = '{"id":"n-1","message":"合法性审查已超过审查时限"}';

  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`, 'utf8').digest('hex');
    expect(signWebhook(secret, body, 1700000000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies within the tolerance only, and only for the same body and secret', () => {
    const header = signWebhook(secret, body, 1700000000);
    expect(verifyWebhook(secret, body, header, 1700000100)).toBe(true);
    expect(verifyWebhook(secret, body, header, 1700000400)).toBe(false);
    expect(verifyWebhook(secret, `${body} `, header, 1700000000)).toBe(false);
    expect(verifyWebhook('whsec_other', body, header, 1700000000)).toBe(false);
    expect(verifyWebhook(secret, body, 'v1=deadbeef', 1700000000)).toBe(false);
  });

  it('generates distinct 256-bit secrets', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
