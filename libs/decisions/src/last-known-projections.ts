import type { LiveSnapshot } from '@app/procedure';
import type { DecisionRow } from '@app/persistence';

/** A committed projection row and, when this process computed it, its snapshot still live. */
export interface KnownProjection {
  row: DecisionRow;
  live?: LiveSnapshot;
}

/**
 * The projection rows this process last committed, so the next event on a decision is
 * decided without reading it again. Only a hint: the write succeeds only if the decision is
 * still at the remembered version, so a row another process moved on is simply decided
 * again. Rows are shared, never modified: each transition builds a new one.
 */
export class LastKnownProjections {
  private readonly rows = new Map<string, KnownProjection>();

  /** `capacity`: how many decisions are remembered (least recently used go first; DECISION_MEMORY); 0 remembers none. */
  constructor(private readonly capacity: number) {}

  get(id: string): KnownProjection | undefined {
    const known = this.rows.get(id);
    if (known) {
      // most recently used last
      this.rows.delete(id);
      this.rows.set(id, known);
    }
    return known;
  }

  /** Remember a committed row (with its live snapshot), unless a newer version is already remembered. */
  set(row: DecisionRow, live?: LiveSnapshot): void {
    if (this.capacity === 0) return;
    const known = this.rows.get(row.id);
    if (known && known.row.version > row.version) return;
    this.rows.delete(row.id);
    this.rows.set(row.id, { row, live });
    if (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
  }

  delete(id: string): void {
    this.rows.delete(id);
  }

  get size(): number {
    return this.rows.size;
  }
}
