import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One line of the business-item register (業務項目清冊, Changhua 附表一): agency, units, legal basis, purpose, the items it needs. */
@Entity({ schema: 'permissions', name: 'business_item' })
export class BusinessItemEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'unit_ids', array: true }) unitIds!: string[];
  @Column({ type: 'uuid', name: 'legal_basis_id' }) legalBasisId!: string;
  @Column({ type: 'text', name: 'name_zh' }) nameZh!: string;
  @Column({ type: 'text', name: 'purpose_zh' }) purposeZh!: string;
  @Column({ type: 'text', name: 'item_keys', array: true }) itemKeys!: string[];
  @Column({ type: 'timestamptz', name: 'registered_at' }) registeredAt!: Date;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'uuid', name: 'application_id', nullable: true }) applicationId!: string | null;
}
