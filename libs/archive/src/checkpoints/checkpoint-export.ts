import { Clock } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { markExported, SqlTransactions, unexportedCheckpoints, type CheckpointRow } from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BATCH = 200;
const WITNESS_TIMEOUT_MS = 10_000;

/** The file of a checkpoint under CHECKPOINT_DIR: `<jurisdiction>/<tree size, 12 digits>.checkpoint`. */
export function checkpointFilePath(dir: string, jurisdiction: string, size: number): string {
  return join(dir, encodeURIComponent(jurisdiction), `${String(size).padStart(12, '0')}.checkpoint`);
}

/**
 * Copies of every signed checkpoint outside the database, off the request path: a file in
 * CHECKPOINT_DIR (created, never overwritten: meant for WORM storage) and a POST to the witness
 * (CHECKPOINT_WITNESS_URL, body the note, text/plain). Each copy is recorded once made; what
 * failed is retried at the next run (the worker runs this after each round of checkpoints).
 */
@Injectable()
export class CheckpointExport {
  private readonly logger = new Logger(CheckpointExport.name);

  constructor(
    private readonly sql: SqlTransactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Exports what is not yet; returns how many copies were made. */
  async exportPending(): Promise<{ files: number; witnessed: number }> {
    const { dir, witnessUrl } = this.config.checkpoints;
    let files = 0;
    let witnessed = 0;
    if (dir) {
      for (const c of await this.sql.session((s) => unexportedCheckpoints(s, 'dir', BATCH))) {
        try {
          writeOnce(checkpointFilePath(dir, c.jurisdiction, Number(c.tree_size)), c.note);
          await this.sql.session((s) => markExported(s, c.id, 'dir', this.clock.now()));
          files++;
        } catch (err) {
          this.logger.error(`checkpoint ${c.origin} ${c.tree_size} not written to CHECKPOINT_DIR: ${(err as Error).message}`);
          break;
        }
      }
    }
    if (witnessUrl) {
      for (const c of await this.sql.session((s) => unexportedCheckpoints(s, 'witness', BATCH))) {
        try {
          await post(witnessUrl, c);
          await this.sql.session((s) => markExported(s, c.id, 'witness', this.clock.now()));
          witnessed++;
        } catch (err) {
          this.logger.warn(`witness did not take checkpoint ${c.origin} ${c.tree_size}, will retry: ${(err as Error).message}`);
          break;
        }
      }
    }
    return { files, witnessed };
  }
}

/** Creates `file` with `content`; an existing file must already hold exactly it (never overwritten). */
function writeOnce(file: string, content: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  try {
    writeFileSync(file, content, { flag: 'wx', mode: 0o444 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (readFileSync(file, 'utf8') !== content) throw new Error(`${file} exists with other content: left as it is`);
  }
}

async function post(url: string, c: CheckpointRow): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-checkpoint-origin': encodeURIComponent(c.origin), 'x-checkpoint-size': String(c.tree_size) },
    body: c.note,
    signal: AbortSignal.timeout(WITNESS_TIMEOUT_MS),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}
