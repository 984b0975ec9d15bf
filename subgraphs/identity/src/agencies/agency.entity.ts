import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AgencyKind = 'GOVERNING' | 'REVIEWING' | 'USING' | 'DISTRICT_OFFICE' | 'CENTRAL';

@Entity({ schema: 'identity', name: 'agency' })
export class AgencyEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'parent_id', nullable: true }) parentId!: string | null;
  @Column({ type: 'uuid', name: 'commissioning_agency_id', nullable: true }) commissioningAgencyId!: string | null;
  @Column({ type: 'text' }) kind!: AgencyKind;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', name: 'name_en', nullable: true }) nameEn!: string | null;
  /** Issue 9: for a CENTRAL agency (a bureau), the WebIR service it runs; null otherwise. */
  @Column({ type: 'text', name: 'bureau_service', nullable: true }) bureauService!: 'labor-insurance' | 'health-insurance' | null;
}
