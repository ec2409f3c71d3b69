import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlExecutor } from '../sql/sql-session';

/** The data of working-day calendar versions, stored once each (append-only). */
@Injectable()
export class CalendarVersionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keep a version's data unless it is kept already; on `db` (a connection the caller holds, inside its transaction if any) when given. */
  async store(version: string, data: unknown, db: SqlExecutor = this.dataSource): Promise<void> {
    await db.query(`INSERT INTO calendar_versions (version, data) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING`, [version, JSON.stringify(data)]);
  }

  /** A version's data, if kept. */
  async find(version: string): Promise<unknown | undefined> {
    const rows: { data: unknown }[] = await this.dataSource.query(`SELECT data FROM calendar_versions WHERE version = $1`, [version]);
    return rows[0]?.data;
  }
}
