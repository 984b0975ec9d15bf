import type { ApplicationKind, ApplicationOperation } from '@custos/rules';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NewLegalBasis } from '../register/register.service';
import type { ActorSpec, ChainStep } from './approval-chain';

export type ApplicationStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

export interface ProposedBusinessItem {
  /** An existing basis, or `legalBasis` to register with the entry when approved. */
  legalBasisId: string | null;
  legalBasis: NewLegalBasis | null;
  nameZh: string;
  purposeZh: string;
  unitIds: string[];
}

/**
 * One application form (附表一/二/三) as a workflow. The approval chain is a snapshot of the city's
 * rule profile on the day of filing; `awaiting` lists who may act on the current step.
 */
@Entity({ schema: 'permissions', name: 'application' })
export class ApplicationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'city_id' }) cityId!: string;
  @Column({ type: 'text' }) kind!: ApplicationKind;
  @Column({ type: 'text' }) operation!: ApplicationOperation;
  @Column({ type: 'text' }) status!: ApplicationStatus;
  @Column({ type: 'text' }) service!: string;
  @Column({ type: 'text', name: 'rule_version_id' }) ruleVersionId!: string;
  @Column({ type: 'text', name: 'form_kind', nullable: true }) formKind!: string | null;
  @Column({ type: 'text', name: 'form_number', nullable: true }) formNumber!: string | null;
  @Column({ type: 'text', name: 'form_title_zh', nullable: true }) formTitleZh!: string | null;
  @Column({ type: 'uuid', name: 'applicant_account_id' }) applicantAccountId!: string;
  @Column({ type: 'uuid', name: 'applicant_person_id' }) applicantPersonId!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'text', name: 'agency_kind' }) agencyKind!: string;
  @Column({ type: 'uuid', name: 'agency_parent_id', nullable: true }) agencyParentId!: string | null;
  @Column({ type: 'uuid', name: 'commissioning_agency_id', nullable: true }) commissioningAgencyId!: string | null;
  @Column({ type: 'uuid', name: 'subject_account_id' }) subjectAccountId!: string;
  @Column({ type: 'uuid', name: 'subject_person_id' }) subjectPersonId!: string;
  @Column({ type: 'uuid', name: 'subject_unit_id', nullable: true }) subjectUnitId!: string | null;
  /** The role the applicant's own step names (e.g. CASEWORKER for 附表二): what an account application asks for. */
  @Column({ type: 'text', name: 'apply_role', nullable: true }) applyRole!: string | null;
  @Column({ type: 'uuid', name: 'replaces_account_id', nullable: true }) replacesAccountId!: string | null;
  @Column({ type: 'text', name: 'items_to_add', array: true }) itemsToAdd!: string[];
  @Column({ type: 'text', name: 'items_to_remove', array: true }) itemsToRemove!: string[];
  @Column({ type: 'uuid', name: 'business_item_id', nullable: true }) businessItemId!: string | null;
  @Column({ type: 'jsonb', name: 'proposed_business_item', nullable: true }) proposedBusinessItem!: ProposedBusinessItem | null;
  @Column({ type: 'uuid', name: 'legal_basis_id', nullable: true }) legalBasisId!: string | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'boolean', name: 'personal_data_acknowledged' }) personalDataAcknowledged!: boolean;
  @Column({ type: 'jsonb' }) steps!: ChainStep[];
  @Column({ type: 'integer', name: 'current_step' }) currentStep!: number;
  @Column({ type: 'jsonb' }) awaiting!: ActorSpec[];
  @Column({ type: 'timestamptz', name: 'submitted_at' }) submittedAt!: Date;
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'applied_at', nullable: true }) appliedAt!: Date | null;
}
