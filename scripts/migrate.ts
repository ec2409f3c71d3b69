import { ConfigValidationError, validateEnv } from '@app/config';
import { EmbeddedPostgres, revertLastMigration, runPendingMigrations, showMigrations, startEmbeddedPostgres } from '@app/persistence';

// node dist/scripts/migrate.js run|revert|show — on MIGRATION_DATABASE_URL (the owner's), else DATABASE_URL, else the embedded database of DATA_DIR.
const ACTIONS = {
  run: async (url: string) => {
    const applied = await runPendingMigrations(url, { logging: true });
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'No pending migrations.');
  },
  revert: (url: string) => revertLastMigration(url, { logging: true }),
  show: async (url: string) => {
    const pending = await showMigrations(url, { logging: true });
    console.log(pending ? 'Some migrations are pending.' : 'All migrations are applied.');
  },
};

async function main(): Promise<void> {
  const action = process.argv[2] as keyof typeof ACTIONS;
  if (!Object.hasOwn(ACTIONS, action)) {
    console.error(`Usage: node dist/scripts/migrate.js ${Object.keys(ACTIONS).join('|')}`);
    process.exit(1);
  }
  let env;
  try {
    env = validateEnv(process.env);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  let embedded: EmbeddedPostgres | undefined;
  try {
    const url = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
    if (!url) embedded = await startEmbeddedPostgres(env.DATA_DIR, Number(env.EMBEDDED_PG_PORT), { sharedDir: env.EMBEDDED_PG_SHARED_DIR });
    await ACTIONS[action](url ?? embedded!.url);
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  console.error(`Migration failed: ${error.message}`);
  process.exit(1);
});
