import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-jurisdiction settings: the procedure profile new decisions start on, and the notification webhook. */
@Entity({ name: 'jurisdiction_settings' })
export class JurisdictionSettingsEntity {
  @PrimaryColumn('text') jurisdiction: string;
  @Column('text', { name: 'profile_id' }) profileId: string;
  @Column('text', { name: 'webhook_url', nullable: true }) webhookUrl: string | null;
  /** HMAC-SHA256 key of the webhook's signatures; shown to the admin once */
  @Column('text', { name: 'webhook_secret', nullable: true }) webhookSecret: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
