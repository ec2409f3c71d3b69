import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A comment of the public on an open draft (append-only: the opinion report binds it by its SHA-256). */
@Entity({ name: 'public_comments' })
export class PublicCommentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'decision_id' }) decisionId: string;
  @Column('text') jurisdiction: string;
  @Column('int') round: number;
  /** the change round beside execution it answers (Art. 37); null: the decision's own procedure */
  @Column('int', { name: 'change_number', nullable: true }) changeNumber: number | null;
  /** the comment period (numbered by machine v2); null on v1 */
  @Column('int', { nullable: true }) period: number | null;
  @Column('text') content: string;
  @Column('char', { length: 64 }) sha256: string;
  @Column('text', { nullable: true }) name: string | null;
  /** personal data: shown to the undertaking unit's drafters only */
  @Column('text', { nullable: true }) contact: string | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
}
