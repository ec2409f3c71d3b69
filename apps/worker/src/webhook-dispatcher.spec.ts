import { Logger } from '@nestjs/common';
import type { NotificationService } from './notification.service';
import { WebhookDispatcher } from './webhook-dispatcher';

/** Delivery stays off the boot path: starting never waits for a receiver, rounds are never awaited, a failing round only logs. */
describe(WebhookDispatcher.name, () => {
  const every = Number(process.env.WEBHOOK_DELIVER_EVERY_MS ?? 5_000);
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function dispatcherWith(deliverPending: () => Promise<number>) {
    const calls = { deliver: 0, idle: 0 };
    const notifications = {
      deliverPending: () => {
        calls.deliver++;
        return deliverPending();
      },
      idle: async () => {
        calls.idle++;
      },
    } as unknown as NotificationService;
    return { dispatcher: new WebhookDispatcher(notifications), calls };
  }

  it('boots without delivering: the first round starts one interval later, even when a receiver never answers', async () => {
    const { dispatcher, calls } = dispatcherWith(() => new Promise<number>(() => undefined)); // a receiver that hangs forever
    expect(dispatcher.onApplicationBootstrap()).toBeUndefined(); // synchronous: Nest's bootstrap has nothing to await
    expect(calls.deliver).toBe(0);
    jest.advanceTimersByTime(every);
    expect(calls.deliver).toBe(1);
    jest.advanceTimersByTime(every); // the hung round does not stop the next one from starting
    expect(calls.deliver).toBe(2);
    await dispatcher.onApplicationShutdown();
    expect(calls.idle).toBe(1);
    jest.advanceTimersByTime(4 * every);
    expect(calls.deliver).toBe(2); // no round after shutdown
  });

  it('a failing round is logged as a warning and never thrown', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { dispatcher } = dispatcherWith(() => Promise.reject(new Error('connection refused')));
    expect(() => dispatcher.round()).not.toThrow();
    await Promise.resolve();
    await Promise.resolve();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('connection refused'));
    warn.mockRestore();
  });
});
