import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';

const SECRET = 'a-token-cli-test-secret-of-32-bytes!';
const ROOT = join(__dirname, '..');

/** Runs `npm run token -- args` (the script itself, without npm) in a clean environment. */
function token(args: string[], env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mde-token-'));
  try {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/token.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, JWT_SECRET: SECRET, ...env },
      encoding: 'utf8',
    });
    return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const unit = ['--role', 'drafter', '--unit', 'agri-bureau', '--jurisdiction', 'county-a'];

describe('npm run token', () => {
  it('requires the person: --sub, or --name to derive an id from; never role@unit', () => {
    const refused = token(unit);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--sub (the person id) or --name');
    const named = token([...unit, '--name', '张三']);
    expect(named.status).toBe(0);
    const claims = new JwtService().verify(named.stdout, { secret: SECRET, ignoreExpiration: true });
    expect(claims).toMatchObject({ name: '张三', roles: ['drafter'], sub: expect.stringMatching(/^person-[0-9a-f]{16}$/) });
    expect(claims.exp - claims.iat).toBe(8 * 3600);
  }, 30_000);

  it.each([
    ['a lifetime over TOKEN_MAX_LIFETIME', ['--sub', 'u1', '--expires', '13h'], {}, 'exceeds TOKEN_MAX_LIFETIME (43200 s)'],
    ['the sub system', ['--sub', 'system'], {}, 'reserved'],
    ['a provider without JWT_SECRET', ['--sub', 'u1'], { JWT_SECRET: '', OIDC_ISSUER: 'https://id.example.gov.cn', OIDC_AUDIENCE: 'mde-api' }, 'accepts local tokens only with JWT_SECRET'],
  ])('refuses %s', (_case, args, env, message) => {
    const run = token([...unit, ...args], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  }, 30_000);
});
