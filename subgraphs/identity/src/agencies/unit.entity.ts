import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A unit (科室) inside an agency. */
@Entity({ schema: 'identity', name: 'unit' })
export class UnitEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', name: 'name_en', nullable: true }) nameEn!: string | null;
}
