import { DomainError } from '@app/common';

/** Seconds a refused caller is told to wait (Retry-After). */
export const VERIFY_RETRY_AFTER_SECONDS = 30;

/** How many whole-jurisdiction verifies one process runs at once (AUDIT_VERIFY_MAX_CONCURRENT, default 2). */
export function verifyConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const n = Math.floor(Number(env.AUDIT_VERIFY_MAX_CONCURRENT ?? 2));
  return Number.isFinite(n) && n >= 1 ? n : 2;
}

export const verifyBusy = (why: 'jurisdiction' | 'process') =>
  new DomainError(
    'AUDIT_VERIFY_BUSY',
    why === 'jurisdiction' ? '本辖区已有一项全链校验正在进行，请稍后再试' : '当前全链校验任务已满，请稍后再试',
    undefined,
    { retryAfterSeconds: VERIFY_RETRY_AFTER_SECONDS, busy: why },
  );

/**
 * Admission of whole-jurisdiction verifies in this process: at most `limit` at once and one per
 * jurisdiction; a caller over either is refused at once (429 AUDIT_VERIFY_BUSY with Retry-After),
 * never queued. Across processes, one per jurisdiction is the database lock's business.
 */
export class VerifyGate {
  private readonly running = new Set<string>();

  constructor(private readonly limit: number) {}

  async run<T>(jurisdiction: string, work: () => Promise<T>): Promise<T> {
    if (this.running.has(jurisdiction)) throw verifyBusy('jurisdiction');
    if (this.running.size >= this.limit) throw verifyBusy('process');
    this.running.add(jurisdiction);
    try {
      return await work();
    } finally {
      this.running.delete(jurisdiction);
    }
  }
}
