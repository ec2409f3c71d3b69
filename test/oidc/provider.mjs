// A certified OpenID provider (panva/oidc-provider) on loopback, for the identity e2e tests.
// Each test client stands for one person: its client_credentials access tokens are JWTs for the
// audience of the resource asked for, signed RS256 or ES256 by the provider's own keys (JWKS),
// carrying the person's claims. Prints {"issuer": "..."} on its first line once it listens.
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const people = JSON.parse(process.env.OIDC_TEST_PEOPLE ?? '[]');
// resource indicator → how its access tokens look
const resources = JSON.parse(process.env.OIDC_TEST_RESOURCES ?? '{}');

const keyOf = async (alg, kid) => ({ ...(await exportJWK((await generateKeyPair(alg, { extractable: true })).privateKey)), kid, alg, use: 'sig' });
const keys = [await keyOf('RS256', 'rsa-1'), await keyOf('ES256', 'ec-1')];

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: people.map((p) => ({ client_id: p.clientId, client_secret: p.secret, grant_types: ['client_credentials'], redirect_uris: [], response_types: [] })),
  jwks: { keys },
  cookies: { keys: ['oidc-e2e-cookie-key'] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (_ctx, _client, oneOf) => oneOf,
      getResourceServerInfo: (_ctx, indicator) => {
        const r = resources[indicator];
        if (!r) throw new Provider.errors.InvalidTarget();
        return { scope: 'api', audience: r.audience, accessTokenTTL: r.ttl, accessTokenFormat: 'jwt', jwt: { sign: { alg: r.alg } } };
      },
    },
  },
  extraTokenClaims: (_ctx, token) => people.find((p) => p.clientId === token.clientId)?.claims,
});
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
