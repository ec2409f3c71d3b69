import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the global setup prepared for this run, shared with the test files and the teardown. */
export interface TestServices {
  adminDatabaseUrl: string;
  databaseName: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
}

export const TEST_SERVICES_FILE_VAR = 'MDE_TEST_SERVICES_FILE';
/** The HS256 secret of every test token. */
export const TEST_JWT_SECRET = 'mde-test-secret-not-for-production';

/** Where this run's services are written: set by the global setup in the environment workers inherit. */
export function testServicesFile(): string {
  // Per jest process, so that two runs on one machine do not share (and drop) each other's database.
  return process.env[TEST_SERVICES_FILE_VAR] ?? join(tmpdir(), `mde-test-services-${process.pid}.json`);
}

/** Hides the password of a connection URL for error messages. */
export const redactUrl = (url: string) => url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
