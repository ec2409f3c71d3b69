import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which decision events cite which material, written with the event. A
 * material is visible to its uploader's unit and to whoever may see a decision
 * citing it, so a confidential decision's files stay as confidential as it is.
 */
export class MaterialCitations1732600000000 implements MigrationInterface {
  name = 'MaterialCitations1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE material_citations (
        material_id uuid NOT NULL REFERENCES materials(id),
        decision_id uuid NOT NULL REFERENCES decisions(id),
        seq integer NOT NULL,
        PRIMARY KEY (material_id, decision_id, seq)
      )`);
    await q.query(`CREATE INDEX material_citations_decision_idx ON material_citations (decision_id)`);
    if (process.env.DB_APP_ROLE) {
      await q.query(`GRANT SELECT, INSERT ON material_citations TO "${process.env.DB_APP_ROLE.replace(/"/g, '""')}"`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE material_citations`);
  }
}
