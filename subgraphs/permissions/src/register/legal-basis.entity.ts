import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LegalBasisKind = 'law' | 'major-policy';
export type LegalBasisCategory = 'social' | 'police' | 'traffic' | 'health' | 'other';

/** A law, or a major policy and plan (Changhua 2), that lets an agency use the data; Tainan 2 lists them by category. */
@Entity({ schema: 'permissions', name: 'legal_basis' })
export class LegalBasisEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text' }) kind!: LegalBasisKind;
  @Column({ type: 'text' }) category!: LegalBasisCategory;
  @Column({ type: 'text', name: 'laws_zh', nullable: true }) lawsZh!: string | null;
  @Column({ type: 'text', name: 'purpose_zh' }) purposeZh!: string;
  /** Where the city's rules list this basis (e.g. "Tainan 2(一)3"); null for a basis an agency registered. */
  @Column({ type: 'text', nullable: true }) citation!: string | null;
  @Column({ type: 'date', name: 'effective_from' }) effectiveFrom!: string;
  @Column({ type: 'date', name: 'repealed_on', nullable: true }) repealedOn!: string | null;
}
