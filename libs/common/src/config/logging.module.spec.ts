import { ENV_DEFAULTS, validateEnv } from './env.validation';
import { stdoutDestination } from './logging.module';

describe(stdoutDestination.name, () => {
  it('buffers up to every size LOG_BUFFER_BYTES accepts (pino refuses a buffer as large as its largest write)', () => {
    const largest = 16_000;
    expect(() => validateEnv({ JWT_SECRET: 'x'.repeat(32), LOG_BUFFER_BYTES: String(largest) })).not.toThrow();
    expect(() => validateEnv({ JWT_SECRET: 'x'.repeat(32), LOG_BUFFER_BYTES: String(largest + 1) })).toThrow(/LOG_BUFFER_BYTES/);
    for (const bytes of [1, 8192, largest]) {
      const destination = stdoutDestination(bytes) as unknown as { minLength: number; destroy(): void };
      expect(destination.minLength).toBe(bytes);
      destination.destroy();
    }
  });

  it('writes every line at once by default', () => {
    const destination = stdoutDestination(Number(ENV_DEFAULTS.LOG_BUFFER_BYTES)) as unknown as { minLength: number };
    expect(destination.minLength).toBe(0);
  });
});
