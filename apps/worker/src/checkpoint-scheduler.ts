import { CheckpointExport, CheckpointLog } from '@app/archive';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { JobHandler, QueueDriver } from '@app/scheduling';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Every CHECKPOINT_INTERVAL_MS (a job scheduler of the checkpoints queue, re-created by this
 * process if the store lost it): signs a checkpoint of each jurisdiction whose trail grew, then
 * copies what is not yet copied to CHECKPOINT_DIR and the witness (failures retried next round).
 * Several workers may run it: each jurisdiction's tree has one writer at a time (advisory lock).
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointScheduler.name);
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(
    private readonly queue: QueueDriver,
    private readonly log: CheckpointLog,
    private readonly exports: CheckpointExport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.checkpoints.intervalMs;
    const ensure = () => this.queue.every('checkpoints', 'checkpoint', every).catch((err) => this.logger.warn(`checkpoint schedule: ${(err as Error).message}`));
    this.keepAlive = setInterval(() => void ensure(), Math.max(every, 60_000));
    this.keepAlive.unref();
    void ensure();
  }

  onApplicationShutdown(): void {
    if (this.keepAlive) clearInterval(this.keepAlive);
  }

  @JobHandler('checkpoints')
  async onTick(): Promise<{ checkpoints: number; files: number; witnessed: number }> {
    const made = await this.log.checkpointAll();
    const copied = await this.exports.exportPending();
    return { checkpoints: made.length, ...copied };
  }
}
