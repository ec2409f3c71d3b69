import { existsSync, readFileSync } from 'node:fs';
import { TEST_JWT_SECRET, TestServices, testServicesFile } from './test-services';

// setupFiles of the integration and e2e layers: point the app at this run's database, Redis and queues.
const file = testServicesFile();
if (!existsSync(file)) {
  throw new Error(`${file} is missing: integration and e2e tests must run through jest's global setup (npm test)`);
}
const services = JSON.parse(readFileSync(file, 'utf8')) as TestServices;
Object.assign(process.env, {
  DATABASE_URL: services.databaseUrl,
  REDIS_URL: services.redisUrl,
  QUEUE_PREFIX: services.queuePrefix,
  JWT_SECRET: TEST_JWT_SECRET,
  LOG_LEVEL: 'silent',
  MIGRATIONS_RUN: 'false',
  // The public rate limit is shared through the run's database and every test posts from 127.0.0.1: the files
  // of one run would share 10 comments a minute. The test of the limit sets its own.
  PUBLIC_COMMENT_RATE_LIMIT: '1000',
});
