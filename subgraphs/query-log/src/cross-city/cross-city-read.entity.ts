import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Issue 9: one cross-city read of one city's records (append-only). */
@Entity({ schema: 'query_log', name: 'cross_city_read' })
export class CrossCityReadEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text' }) service!: string;
  @Column({ type: 'text', name: 'reader_city_id' }) readerCityId!: string;
  @Column({ type: 'uuid', name: 'reader_account_id' }) readerAccountId!: string;
  @Column({ type: 'uuid', name: 'reader_agency_id' }) readerAgencyId!: string;
  @Column({ type: 'text' }) operation!: string;
  @Column({ type: 'integer', name: 'row_count' }) rowCount!: number;
  @Column({ type: 'timestamptz', name: 'read_at' }) readAt!: Date;
}
