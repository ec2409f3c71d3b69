import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The architecture rules, checked on code that breaks them (and on code that keeps them): each file is linted through
// the project's own config as if it lived at the given path (ESLint reads it from stdin).
const ROOT = join(__dirname, '..');
const ESLINT = join(ROOT, 'node_modules', '.bin', 'eslint');

function lint(path: string, code: string): string[] {
  try {
    execFileSync(ESLINT, ['--format', 'json', '--stdin', '--stdin-filename', path], { cwd: ROOT, input: code, encoding: 'utf8' });
    return [];
  } catch (error) {
    const out = (error as { stdout?: string }).stdout;
    if (!out) throw error;
    return (JSON.parse(out) as Array<{ messages: Array<{ ruleId: string | null }> }>)[0].messages.map((m) => m.ruleId ?? 'parse');
  }
}

describe('lint: the architecture', () => {
  jest.setTimeout(60_000);

  it.each([
    ['a library imports an app', 'libs/decisions/src/x.ts', "import { ApiModule } from '../../../apps/api/src/api.module';\nexport const m = ApiModule;", 'architecture/boundaries'],
    ['a library imports bench', 'libs/archive/src/x.ts', "import { run } from '../../../bench/run';\nexport const r = run;", 'architecture/boundaries'],
    ['an app imports another app', 'apps/worker/src/x.ts', "import { ApiModule } from '../../api/src/api.module';\nexport const m = ApiModule;", 'architecture/boundaries'],
    ['a path into a library from outside it', 'apps/api/src/x.ts', "import { Actor } from '../../../libs/procedure/src/actor';\nexport type A = Actor;", 'architecture/boundaries'],
    ['the pure procedure imports Nest', 'libs/procedure/src/x.ts', "import { Injectable } from '@nestjs/common';\nexport const i = Injectable;", '@typescript-eslint/no-restricted-imports'],
    ['the pure audit library reads files', 'libs/audit/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", '@typescript-eslint/no-restricted-imports'],
    ['the pure calendar imports a host library', 'libs/calendar/src/x.ts', "import { DecisionService } from '@app/decisions';\nexport const d = DecisionService;", '@typescript-eslint/no-restricted-imports'],
    ['TypeORM outside persistence', 'libs/decisions/src/x.ts', "import { DataSource } from 'typeorm';\nexport const d = DataSource;", '@typescript-eslint/no-restricted-imports'],
    ['server code in the console', 'apps/web/src/x.ts', "import { RULES } from '@app/procedure';\nexport const r = RULES;", 'no-restricted-imports'],
  ])('refuses: %s', (_what, path, code, rule) => {
    expect(lint(path, code)).toContain(rule);
  });

  it.each([
    ['apps/server composes the api', 'apps/server/src/x.ts', "import { ApiModule } from '../../api/src/api.module';\nexport const m = ApiModule;"],
    ['a library through its alias', 'apps/api/src/x.ts', "import type { Actor } from '@app/procedure';\nexport type A = Actor;"],
    ['procedure uses the calendar', 'libs/procedure/src/x.ts', "import { createWorkingDayCalendar } from '@app/calendar';\nexport const c = createWorkingDayCalendar;"],
    ['TypeORM types outside persistence', 'libs/decisions/src/x.ts', "import type { DataSource } from 'typeorm';\nexport type D = DataSource;"],
  ])('accepts: %s', (_what, path, code) => {
    expect(lint(path, code)).toEqual([]);
  });
});
