import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How staff counted one public comment (append-only: the latest mark of a comment holds): in a group
 * of identical or similar comments, spam, or on its own again; with who, when and why.
 */
@Entity({ name: 'comment_marks' })
export class CommentMarkEntity {
  @PrimaryColumn('bigint') seq: string;
  @Column('uuid', { name: 'decision_id' }) decisionId: string;
  @Column('uuid', { name: 'comment_id' }) commentId: string;
  /** GROUP, SPAM, UNGROUP */
  @Column('text') kind: string;
  @Column('text', { name: 'group_id', nullable: true }) groupId: string | null;
  @Column('text', { nullable: true }) label: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('jsonb') actor: unknown;
  @Column('timestamptz', { name: 'marked_at' }) markedAt: Date;
}
