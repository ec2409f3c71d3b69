import type { WorkingDayCalendar } from '@app/calendar';
import type { AppConfig } from '@app/config';
import type { CalendarVersionRepository, SqlExecutor } from '@app/persistence';
import { TrailEnvelope } from './trail-envelope';

/** The calendar version an event records is stored before it is referenced, without waiting for a second pool connection. */
describe(TrailEnvelope.name, () => {
  const calendar = { version: 'cal-1', data: () => ({ years: {} }) } as unknown as WorkingDayCalendar;
  const held: SqlExecutor = { query: async () => [] };

  function envelopeWith(poolStore: () => Promise<void>) {
    const stores: string[] = [];
    const repo = {
      store: (_version: string, _data: unknown, db?: SqlExecutor) => {
        stores.push(db === held ? 'held' : 'pool');
        return db === held ? Promise.resolve() : poolStore();
      },
    } as unknown as CalendarVersionRepository;
    return { envelope: new TrailEnvelope({ cryptoProfile: 'default' } as AppConfig, repo), stores };
  }

  it('stores on the connection the caller holds even while the pool has no connection to give (it would wait forever)', async () => {
    const { envelope, stores } = envelopeWith(() => new Promise<void>(() => undefined)); // pool exhausted
    await expect(envelope.calendarVersion(calendar, held)).resolves.toBe('cal-1');
    await expect(envelope.calendarVersion(calendar, held)).resolves.toBe('cal-1');
    // not known stored on the pool yet: each caller stores on its own connection again (ON CONFLICT DO NOTHING); one pool copy in flight
    expect(stores).toEqual(['held', 'pool', 'held']);
  });

  it('once the pool copy is stored, no further round trip for that version', async () => {
    const { envelope, stores } = envelopeWith(() => Promise.resolve());
    await envelope.calendarVersion(calendar, held);
    await new Promise((r) => setImmediate(r));
    await envelope.calendarVersion(calendar, held);
    await envelope.calendarVersion(calendar);
    expect(stores).toEqual(['held', 'pool']);
  });

  it('without a held connection it stores on the pool, and a failed store is retried next time', async () => {
    let fail = true;
    const { envelope, stores } = envelopeWith(() => (fail ? Promise.reject(new Error('down')) : Promise.resolve()));
    await expect(envelope.calendarVersion(calendar)).rejects.toThrow('down');
    fail = false;
    await expect(envelope.calendarVersion(calendar)).resolves.toBe('cal-1');
    await envelope.calendarVersion(calendar);
    expect(stores).toEqual(['pool', 'pool']);
  });
});
