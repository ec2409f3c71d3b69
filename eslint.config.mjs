// Lint: typescript-eslint's recommended rules plus the architecture, held by no-restricted-imports.
//  - procedure, audit and calendar are pure: no framework, no I/O, no host library (their tests may read files);
//  - libs never import apps, bench or test; apps never import each other (apps/server composes them);
//  - TypeORM and pg live in libs/persistence (and migrations, scripts, tests); elsewhere only their types;
//  - the console (apps/web) runs in a browser: none of the server's code, only the API's generated types.
import tseslint from 'typescript-eslint';
import architecture from './eslint/architecture.mjs';
import reactHooks from 'eslint-plugin-react-hooks';

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**', '**/*.spec.tsx'];

const IO = ['@nestjs/*', 'typeorm', 'pg', 'pg-*', 'ioredis', 'bullmq', 'express', 'fastify', 'node:http', 'node:https', 'node:net', 'node:fs', 'node:fs/promises', 'node:child_process', 'fs', 'http', 'net', 'child_process'];
const pure = (lib, allowedLibs) => ({
  files: [`libs/${lib}/src/**/*.ts`],
  ignores: TEST_FILES,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', {
      paths: [],
      patterns: [
        { group: IO, message: `libs/${lib} is pure: no framework and no I/O (time, files and services come in from the host).` },
        {
          group: ['@app/*', ...allowedLibs.map((l) => `!@app/${l}`)],
          message: `libs/${lib} is pure: it may import only ${allowedLibs.map((l) => '@app/' + l).join(', ') || 'no other library'}.`,
          allowTypeImports: true,
        },
      ],
    }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/web/dist/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The codebase states intent in types; `any` is confined to framework seams and tests (reviewed by hand).
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Nest modules and DTO namespaces are classes without members by design.
      '@typescript-eslint/no-extraneous-class': 'off',
      // Packages without type declarations (pg, autocannon) and deep CJS entries are required with a local type.
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  // A library's source file stays readable in one sitting: split it when it grows past 300 lines.
  { files: ['libs/**/*.ts'], ignores: TEST_FILES, rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] } },
  pure('procedure', ['calendar']),
  pure('audit', []),
  pure('calendar', []),
  // Persistence is the one stack: TypeORM and pg values only in libs/persistence.
  {
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: [...TEST_FILES, 'libs/persistence/**', 'libs/procedure/**', 'libs/audit/**', 'libs/calendar/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['typeorm', 'pg', 'pg-*'], message: 'TypeORM and pg are the persistence library\'s: use a repository from @app/persistence.', allowTypeImports: true },
        ],
      }],
    },
  },
  // Libraries never import apps, bench or test; apps never import each other; libraries through their alias.
  { files: ['libs/**/*.ts', 'apps/**/*.ts', 'apps/**/*.tsx'], plugins: { architecture }, rules: { 'architecture/boundaries': 'error' } },
  {
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@app/*', '**/libs/**', '@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', 'node:*'], message: 'The console runs in a browser: only the API (and its generated types) and browser libraries.' },
        ],
      }],
    },
  },
);
