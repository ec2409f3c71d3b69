import { DomainError } from '@app/common';
import { VerifyGate, verifyConcurrency } from './verify-gate';

/** A verify that ends when the test says so. */
function pending() {
  let finish!: (v: string) => void;
  const promise = new Promise<string>((resolve) => (finish = resolve));
  return { work: () => promise, finish };
}

const codeOf = async (p: Promise<unknown>) => ((await p.then(() => null, (e: DomainError) => e)) as DomainError | null)?.details?.busy;

describe(VerifyGate.name, () => {
  it('runs one verify per jurisdiction and at most `limit` in all, refusing (not queuing) the rest', async () => {
    const gate = new VerifyGate(2);
    const a = pending();
    const b = pending();
    const runningA = gate.run('county-a', a.work);
    expect(await codeOf(gate.run('county-a', async () => 'second a'))).toBe('jurisdiction');
    const runningB = gate.run('county-b', b.work);
    expect(await codeOf(gate.run('county-c', async () => 'c'))).toBe('process');
    a.finish('a done');
    expect(await runningA).toBe('a done');
    await expect(gate.run('county-a', async () => 'a again')).resolves.toBe('a again');
    b.finish('b done');
    expect(await runningB).toBe('b done');
  });

  it('frees the slot when a verify fails, and refuses with AUDIT_VERIFY_BUSY and a retry delay', async () => {
    const gate = new VerifyGate(1);
    await expect(gate.run('county-a', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    await expect(gate.run('county-a', async () => 'ok')).resolves.toBe('ok');
    const a = pending();
    const running = gate.run('county-a', a.work);
    const refused = await gate.run('county-b', async () => 'b').catch((e: DomainError) => e);
    expect(refused).toMatchObject({ code: 'AUDIT_VERIFY_BUSY', details: { retryAfterSeconds: 30 } });
    a.finish('done');
    await running;
  });

  it('reads its process limit from AUDIT_VERIFY_MAX_CONCURRENT', () => {
    expect(verifyConcurrency({})).toBe(2);
    expect(verifyConcurrency({ AUDIT_VERIFY_MAX_CONCURRENT: '4' })).toBe(4);
    expect(verifyConcurrency({ AUDIT_VERIFY_MAX_CONCURRENT: '0' })).toBe(2);
  });
});
