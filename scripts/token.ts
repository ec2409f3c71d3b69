import { ConfigValidationError, loadAppConfig } from '@app/config';
import { parseArgs } from 'node:util';
import { HumanRole, ROLES } from '../libs/procedure/src/actor';
import { claimsFor, signActorToken } from '../apps/api/src/auth/actor-token';

// npm run token -- --role drafter --unit agri-bureau --jurisdiction county-a (--sub u1 | --name 张三) [--role secretary] [--expires 8h] [--url http://localhost:3000]
const USAGE =
  'Usage: npm run token -- --role <role> [--role <role> ...] --unit <unit> --jurisdiction <jurisdiction> (--sub <person id> | --name <name>) [--name <name>] [--expires 8h] [--url <server>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(1);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
/** "8h", "30m", "90s", "1d" or plain seconds → seconds; undefined when unreadable. */
function secondsOf(value: string): number | undefined {
  const match = /^(\d+)([smhd]?)$/.exec(value);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's'] : undefined;
}

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string', multiple: true },
        unit: { type: 'string' },
        jurisdiction: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        expires: { type: 'string', default: '8h' },
        url: { type: 'string' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const roles = values.role ?? [];
  const { unit, jurisdiction, sub, name } = values;
  if (!roles.length || !unit || !jurisdiction) fail('--role, --unit and --jurisdiction are required');
  // Every person has their own sub: a role shared by a unit is nobody's identity.
  if (!sub && !name) fail('--sub (the person id) or --name (to derive one from) is required');
  const unknown = roles.filter((role) => !ROLES.includes(role as HumanRole));
  if (unknown.length) fail(`Unknown role ${unknown.join(', ')}: expected ${ROLES.join(', ')}`);
  let config;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    fail(error instanceof ConfigValidationError ? error.message : (error as Error).message);
  }
  const { localSecret, oidc, maxLifetimeSeconds } = config.auth;
  if (!localSecret) fail(`OIDC_ISSUER is set (${oidc!.issuer}): the server accepts local tokens only with JWT_SECRET set`);
  const expires = secondsOf(values.expires);
  if (expires === undefined || expires < 1) fail(`--expires must be seconds or a duration such as 30m, 8h, 1d (got ${values.expires})`);
  if (expires > maxLifetimeSeconds) fail(`--expires ${values.expires} exceeds TOKEN_MAX_LIFETIME (${maxLifetimeSeconds} s): the server would refuse the token`);
  let claims;
  try {
    claims = claimsFor(sub ? { sub, name, roles: roles as HumanRole[], unit, jurisdiction } : { name: name!, roles: roles as HumanRole[], unit, jurisdiction });
  } catch (error) {
    fail((error as Error).message);
  }
  const token = signActorToken(claims, localSecret, expires);
  process.stdout.write(`${token}\n`);
  // the token travels in the fragment, which the browser never sends to a server (nor to its logs)
  const server = (values.url ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  process.stderr.write(`Console: ${server}/console/login#token=${token}\n`);
}

main();
