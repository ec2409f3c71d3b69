import { resolveJwtSecret } from '@app/config';
import { parseArgs } from 'node:util';
import { HumanRole, ROLES } from '../libs/procedure/src/actor';
import { claimsFor, signActorToken } from '../apps/api/src/auth/actor-token';

// npm run token -- --role drafter --unit agri-bureau --jurisdiction county-a [--sub u1] [--name 张三] [--role secretary] [--expires 8h] [--url http://localhost:3000]
const USAGE =
  'Usage: npm run token -- --role <role> [--role <role> ...] --unit <unit> --jurisdiction <jurisdiction> [--sub <id>] [--name <name>] [--expires 8h] [--url <server>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(1);
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
  const { unit, jurisdiction } = values;
  if (!roles.length || !unit || !jurisdiction) fail('--role, --unit and --jurisdiction are required');
  const unknown = roles.filter((role) => !ROLES.includes(role as HumanRole));
  if (unknown.length) fail(`Unknown role ${unknown.join(', ')}: expected ${ROLES.join(', ')}`);
  const expires = /^\d+$/.test(values.expires) ? Number(values.expires) : values.expires;
  const claims = claimsFor({ sub: values.sub, name: values.name, roles: roles as HumanRole[], unit, jurisdiction });
  const token = signActorToken(claims, resolveJwtSecret(process.env), expires);
  process.stdout.write(`${token}\n`);
  // the token travels in the fragment, which the browser never sends to a server (nor to its logs)
  const server = (values.url ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  process.stderr.write(`Console: ${server}/console/login#token=${token}\n`);
}

main();
