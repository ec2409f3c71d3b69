import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The projection of one year's decision catalogue (决策事项目录) of a jurisdiction. */
@Entity({ name: 'catalogues' })
export class CatalogueEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') jurisdiction: string;
  @Column('int') year: number;
  /** draft, consented, published */
  @Column('text') status: string;
  @Column('jsonb') state: unknown;
  @Column('int') version: number;
  @Column('char', { name: 'last_hash', length: 64 }) lastHash: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
