import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canDisableTriggers, describeOwnerRuntime, inspectConnectionPrivileges } from './connection-privileges';

/** What the application's own connection could do to the triggers, asked once per process (for /api/health). */
@Injectable()
export class ConnectionPrivilegesProbe {
  private answer: Promise<string | undefined> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** The warning when the connection could disable the append-only triggers, else undefined. */
  ownerRuntimeWarning(): Promise<string | undefined> {
    this.answer ??= inspectConnectionPrivileges(this.dataSource).then(
      (p) => (canDisableTriggers(p) ? `ALLOW_OWNER_RUNTIME: ${describeOwnerRuntime(p)}` : undefined),
      (error) => {
        this.answer = undefined;
        throw error;
      },
    );
    return this.answer;
  }
}
