import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A network of an agency's office premises (辦公場所, Taipei 6(三)), as configured data. */
@Entity({ schema: 'permissions', name: 'agency_network' })
export class AgencyNetworkEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  /** CIDR, e.g. "10.20.0.0/16". */
  @Column({ type: 'cidr' }) network!: string;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'timestamptz', name: 'added_at' }) addedAt!: Date;
  @Column({ type: 'timestamptz', name: 'removed_at', nullable: true }) removedAt!: Date | null;
}
