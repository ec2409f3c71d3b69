import { Injectable, Logger, SetMetadata, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { QueueDriver } from './queue-driver';
import { QUEUE_NAMES, type JobHandlerFn, type QueueName } from './queues';

const JOB_HANDLER = 'mde:job-handler';

/** Marks a provider's method as the handler of a queue's jobs (discovered by JobRunner at start). */
export const JobHandler = (queue: QueueName): MethodDecorator => SetMetadata(JOB_HANDLER, queue);

/**
 * Starts consuming every queue with its handler, found by decorator at start-up. Refuses to start
 * when a queue has no handler or two (a job nobody handles would wait forever, two would race).
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobRunner.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly driver: QueueDriver,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = this.handlers();
    for (const queue of QUEUE_NAMES) {
      const found = handlers.get(queue) ?? [];
      if (found.length !== 1) throw new Error(`queue "${queue}" needs exactly one @JobHandler, found ${found.length}`);
      this.driver.work(queue, found[0]);
    }
    this.logger.log(`consuming ${QUEUE_NAMES.join(', ')} (${this.driver.kind})`);
  }

  private handlers(): Map<QueueName, JobHandlerFn[]> {
    const out = new Map<QueueName, JobHandlerFn[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const queue = this.reflector.get<QueueName | undefined>(JOB_HANDLER, instance[method] as (...a: unknown[]) => unknown);
        if (!queue) continue;
        const list = out.get(queue) ?? [];
        list.push((job) => (instance[method] as JobHandlerFn).call(instance, job));
        out.set(queue, list);
      }
    }
    return out;
  }
}
