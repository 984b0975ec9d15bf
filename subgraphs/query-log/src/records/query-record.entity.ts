import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'query_log', name: 'query_record' })
export class QueryRecordEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'bigint' }) sequence!: string;
  @Column({ type: 'uuid', name: 'account_id' }) accountId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'text', name: 'item_key' }) itemKey!: string;
  @Column({ type: 'text', name: 'case_number' }) caseNumber!: string;
  @Column({ type: 'text' }) purpose!: string;
  @Column({ type: 'text', name: 'subject_hash' }) subjectHash!: string;
  @Column({ type: 'text', name: 'subject_masked' }) subjectMasked!: string;
  @Column({ type: 'timestamptz', name: 'queried_at' }) queriedAt!: Date;
  @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt!: Date;
  @Column({ type: 'text', name: 'previous_hash' }) previousHash!: string;
  @Column({ type: 'text', name: 'record_hash' }) recordHash!: string;
}
