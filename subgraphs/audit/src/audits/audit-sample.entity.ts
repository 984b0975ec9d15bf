import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One query record drawn into an audit's sample, with the columns the draw used. */
@Entity({ schema: 'audit', name: 'audit_sample' })
export class AuditSampleEntity {
  @PrimaryColumn({ type: 'uuid', name: 'audit_id' }) auditId!: string;
  @PrimaryColumn({ type: 'integer' }) position!: number;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'query_record_id' }) queryRecordId!: string;
  @Column({ type: 'bigint' }) sequence!: string;
  @Column({ type: 'timestamptz', name: 'queried_at' }) queriedAt!: Date;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'text', name: 'item_key' }) itemKey!: string;
  @Column({ type: 'text', nullable: true }) stratum!: string | null;
  @Column({ type: 'text', name: 'draw_key' }) drawKey!: string;
}
