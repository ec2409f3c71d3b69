import { Injectable } from '@nestjs/common';
import type { DecisionRow } from './decision.repository';

/** How many projections a process remembers (least recently used go first). */
export const LAST_KNOWN_CAPACITY = 2_000;

/**
 * The projection rows this process last committed, so the next event on a decision is
 * decided without reading it again. Only a hint: the write succeeds only if the decision is
 * still at the remembered version, so a row another process moved on is simply decided
 * again. Rows are shared, never modified: each transition builds a new one.
 */
@Injectable()
export class LastKnownProjections {
  private readonly rows = new Map<string, DecisionRow>();

  constructor(private readonly capacity = LAST_KNOWN_CAPACITY) {}

  get(id: string): DecisionRow | undefined {
    const row = this.rows.get(id);
    if (row) {
      // most recently used last
      this.rows.delete(id);
      this.rows.set(id, row);
    }
    return row;
  }

  /** Remember a committed row, unless a newer version is already remembered. */
  set(row: DecisionRow): void {
    const known = this.rows.get(row.id);
    if (known && known.version > row.version) return;
    this.rows.delete(row.id);
    this.rows.set(row.id, row);
    if (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
  }

  delete(id: string): void {
    this.rows.delete(id);
  }

  get size(): number {
    return this.rows.size;
  }
}
