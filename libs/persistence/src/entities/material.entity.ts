import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An uploaded file (draft, hearing record, expert opinion...), content-addressed by SHA-256. */
@Entity({ name: 'materials' })
export class MaterialEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') jurisdiction: string;
  @Column('text') filename: string;
  @Column('text', { name: 'content_type' }) contentType: string;
  @Column('bigint') size: string;
  @Column('char', { length: 64 }) sha256: string;
  /** the bytes, when stored in PostgreSQL */
  @Column('bytea', { nullable: true }) content: Buffer | null;
  /** path under MATERIALS_DIR, when stored on disk */
  @Column('text', { name: 'storage_path', nullable: true }) storagePath: string | null;
  /** how many rows of material_chunks hold the bytes, when stored there */
  @Column('integer', { nullable: true }) chunks: number | null;
  @Column('jsonb', { name: 'uploaded_by' }) uploadedBy: unknown;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
