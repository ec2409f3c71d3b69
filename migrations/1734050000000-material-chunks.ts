import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Materials kept in PostgreSQL are written and read in chunks (an upload is streamed, never held whole):
 * `material_chunks` holds them in order and `materials.chunks` says how many. Rows stored before keep
 * their `content`. The per-jurisdiction quota sums `materials.size` (index by jurisdiction).
 */
export class MaterialChunks1734050000000 implements MigrationInterface {
  name = 'MaterialChunks1734050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE materials ADD COLUMN chunks integer`);
    await q.query(`ALTER TABLE materials DROP CONSTRAINT materials_check`);
    await q.query(`ALTER TABLE materials ADD CONSTRAINT materials_stored CHECK (content IS NOT NULL OR storage_path IS NOT NULL OR chunks IS NOT NULL)`);
    await q.query(`
      CREATE TABLE material_chunks (
        material_id uuid NOT NULL REFERENCES materials (id) ON DELETE CASCADE,
        n integer NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (material_id, n)
      )`);
    // already-compressed files are the common case: no second compression, and substring-free reads
    await q.query(`ALTER TABLE material_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL`);
    await q.query(`CREATE INDEX materials_jurisdiction_idx ON materials (jurisdiction)`);
    if (process.env.DB_APP_ROLE) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON material_chunks TO "${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX materials_jurisdiction_idx`);
    await q.query(`DROP TABLE material_chunks`);
    await q.query(`ALTER TABLE materials DROP CONSTRAINT materials_stored`);
    await q.query(`ALTER TABLE materials ADD CONSTRAINT materials_check CHECK (content IS NOT NULL OR storage_path IS NOT NULL)`);
    await q.query(`ALTER TABLE materials DROP COLUMN chunks`);
  }
}
