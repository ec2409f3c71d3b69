import type { Unit } from './unit.model';

/**
 * The units of one jurisdiction as a lookup: by id, and by the labels records use for them (id,
 * name, legacy names). A label names a unit when it is that unit's id, or else when exactly one
 * unit bears it as name or legacy name (an ambiguous label names none). Immutable.
 */
export class UnitDirectory {
  private readonly byId = new Map<string, Unit>();
  private readonly byLabel = new Map<string, string | null>();

  constructor(units: readonly Unit[]) {
    for (const unit of units) this.byId.set(unit.id, unit);
    for (const unit of units) {
      for (const label of new Set([unit.name, ...unit.legacyNames])) {
        if (this.byId.has(label)) continue;
        const seen = this.byLabel.get(label);
        this.byLabel.set(label, seen === undefined || seen === unit.id ? unit.id : null);
      }
    }
  }

  /** Every unit, by id. */
  get units(): Unit[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Is `id` a registered unit's id? */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  /** The id of the unit a label names (its id, name or a legacy name), if exactly one. */
  resolve(label: string): string | undefined {
    if (this.byId.has(label)) return label;
    return this.byLabel.get(label) ?? undefined;
  }

  /** Whether a token's unit and a unit recorded in a decision (by id, or by name in older records) are the same unit. */
  sameUnit(tokenUnit: string, recordedUnit: string): boolean {
    if (tokenUnit === recordedUnit) return true;
    const id = this.resolve(tokenUnit);
    return id !== undefined && id === this.resolve(recordedUnit);
  }

  /** The name to show for a recorded unit: the registered unit's name, else the label as recorded. */
  nameOf(label: string): string {
    const id = this.resolve(label);
    return id === undefined ? label : this.byId.get(id)!.name;
  }

  /** The unit, other than `id`, that already answers to `label`. */
  holderOf(label: string, id: string): string | undefined {
    if (this.byId.has(label) && label !== id) return label;
    for (const unit of this.byId.values()) if (unit.id !== id && (unit.name === label || unit.legacyNames.includes(label))) return unit.id;
    return undefined;
  }
}
