import { Entity, PrimaryColumn } from 'typeorm';

/** Which decision event cites which material: visibility of a material follows the decisions citing it. */
@Entity({ name: 'material_citations' })
export class MaterialCitationEntity {
  @PrimaryColumn('uuid', { name: 'material_id' }) materialId: string;
  @PrimaryColumn('uuid', { name: 'decision_id' }) decisionId: string;
  @PrimaryColumn('int') seq: number;
}
