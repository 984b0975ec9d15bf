import { gql, type TypedDocumentNode } from '@apollo/client';

export interface QueryItem {
  key: string;
  service: string;
  code: string;
  codeIsPlaceholder: boolean;
  name: string;
  nameEn: string;
  lookupKey: string;
  citation: string;
}

export interface UserGrant {
  id: string;
  itemKey: string;
  grantedAt: string;
  revokedAt: string | null;
  /** Null only if the catalogue no longer lists the item. */
  item: QueryItem | null;
}

type NoVariables = Record<string, never>;

export const QUERY_ITEM_FIELDS = gql`
  fragment QueryItemFields on QueryItem {
    key
    service
    code
    codeIsPlaceholder
    name
    nameEn
    lookupKey
    citation
  }
`;

/** The signed-in account's grants (home page, My access, the catalogue's "I hold it" column). */
export const MY_GRANTS_QUERY: TypedDocumentNode<{ myGrants: UserGrant[] }, NoVariables> = gql`
  query MyGrants {
    myGrants {
      id
      itemKey
      grantedAt
      revokedAt
      item {
        ...QueryItemFields
      }
    }
  }
  ${QUERY_ITEM_FIELDS}
`;

// ---- Applications (附表一/二/三 as workflows) ----

export interface FormChainStep {
  role: string;
  agencyScope: string;
  action: string;
  title: string;
  citation: string;
  onlyForCommissionedAgency: boolean;
}

export interface ApplicationFormRule {
  kind: string;
  available: boolean;
  availableCitation: string;
  operations: string[];
  operationsCitation: string;
  form: { kind: string; number: string; title: string } | null;
  personalDataAcknowledgementRequired: boolean;
  personalDataAcknowledgementCitation: string;
  legalBasisRequired: boolean;
  legalBasisCitation: string;
  steps: FormChainStep[];
}

export interface LegalBasis {
  id: string;
  kind: string;
  category: string;
  laws: string | null;
  purpose: string;
  citation: string | null;
  effectiveFrom: string;
  repealedOn: string | null;
}

export interface BusinessItem {
  id: string;
  agencyId: string;
  unitIds: string[];
  name: string;
  purpose: string;
  itemKeys: string[];
  registeredAt: string;
  endedAt: string | null;
  legalBasis: LegalBasis | null;
  items: QueryItem[];
  agency: { id: string; name: string; nameEn: string | null };
}

export interface Unit {
  id: string;
  name: string;
  nameEn: string | null;
}

export interface ApplyContext {
  applicationForms: { service: string; ruleVersion: string | null; message: string | null; kinds: ApplicationFormRule[] };
  me: { id: string; unitId: string | null; agency: { id: string; name: string; nameEn: string | null; units: Unit[] } } | null;
  legalBases: LegalBasis[];
  myGrants: Array<{ id: string; itemKey: string }>;
}

const LEGAL_BASIS_FIELDS = gql`
  fragment LegalBasisFields on LegalBasis {
    id
    kind
    category
    laws
    purpose
    citation
    effectiveFrom
    repealedOn
  }
`;

export const APPLY_CONTEXT_QUERY: TypedDocumentNode<ApplyContext, NoVariables> = gql`
  query ApplyContext {
    applicationForms {
      service
      ruleVersion
      message
      kinds {
        kind
        available
        availableCitation
        operations
        operationsCitation
        form {
          kind
          number
          title
        }
        personalDataAcknowledgementRequired
        personalDataAcknowledgementCitation
        legalBasisRequired
        legalBasisCitation
        steps {
          role
          agencyScope
          action
          title
          citation
          onlyForCommissionedAgency
        }
      }
    }
    me {
      id
      unitId
      agency {
        id
        name
        nameEn
        units {
          id
          name
          nameEn
        }
      }
    }
    legalBases {
      ...LegalBasisFields
    }
    myGrants {
      id
      itemKey
    }
  }
  ${LEGAL_BASIS_FIELDS}
`;

export const QUERY_ITEMS_QUERY: TypedDocumentNode<{ queryItems: QueryItem[] }, { service: string }> = gql`
  query AccessQueryItems($service: String!) {
    queryItems(service: $service) {
      ...QueryItemFields
    }
  }
  ${QUERY_ITEM_FIELDS}
`;

/** Holdings of one agency: which items it holds (to ask for), for which business item. */
export interface AgencyGrant {
  id: string;
  itemKey: string;
  businessItemId: string;
  grantedAt: string;
  item: QueryItem | null;
}

export const AGENCY_GRANTS_QUERY: TypedDocumentNode<
  { agencyGrants: { nodes: AgencyGrant[]; totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean } } },
  { agencyId: string; first?: number; after?: string | null }
> = gql`
  query AccessAgencyGrants($agencyId: ID!, $first: Int!, $after: String) {
    agencyGrants(agencyId: $agencyId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        itemKey
        businessItemId
        grantedAt
        item {
          ...QueryItemFields
        }
      }
    }
  }
  ${QUERY_ITEM_FIELDS}
`;

const BUSINESS_ITEM_FIELDS = gql`
  fragment BusinessItemFields on BusinessItem {
    id
    agencyId
    unitIds
    name
    purpose
    itemKeys
    registeredAt
    endedAt
    legalBasis {
      ...LegalBasisFields
    }
    items {
      ...QueryItemFields
    }
    agency {
      id
      name
      nameEn
    }
  }
  ${LEGAL_BASIS_FIELDS}
  ${QUERY_ITEM_FIELDS}
`;

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export const BUSINESS_ITEMS_QUERY: TypedDocumentNode<
  { businessItems: { nodes: BusinessItem[]; totalCount: number; pageInfo: PageInfo } },
  { agencyId?: string | null; first: number; after?: string | null }
> = gql`
  query AccessBusinessItems($agencyId: ID, $first: Int!, $after: String) {
    businessItems(agencyId: $agencyId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...BusinessItemFields
      }
    }
  }
  ${BUSINESS_ITEM_FIELDS}
`;

export const LEGAL_BASES_QUERY: TypedDocumentNode<{ legalBases: LegalBasis[] }, NoVariables> = gql`
  query AccessLegalBases {
    legalBases {
      ...LegalBasisFields
    }
  }
  ${LEGAL_BASIS_FIELDS}
`;

export interface PersonRef {
  id: string;
  username: string;
  person: { id: string; displayName: string };
}

export interface ApplicationEvent {
  sequence: number;
  event: string;
  stepIndex: number | null;
  role: string | null;
  action: string | null;
  onBehalfOf: string | null;
  comment: string | null;
  actedAt: string;
  /** Null when the actor is not of the city: a central agency's officer recording the bureau's own decision. */
  actor: PersonRef | null;
  actorAgency: { id: string; name: string; nameEn: string | null } | null;
}

export interface ApplicationStep {
  index: number;
  role: string;
  agencyScope: string;
  action: string;
  title: string;
  citation: string;
  note: string | null;
  state: string;
  /** The timeline entry of the decision taken in this step (look it up in `timeline`). */
  decision: { sequence: number } | null;
}

export interface ApplicationSummary {
  id: string;
  kind: string;
  operation: string;
  status: string;
  submittedAt: string;
  decidedAt: string | null;
  currentStep: number;
  reason: string;
  form: { number: string; title: string } | null;
  applicant: PersonRef;
  agency: { id: string; name: string; nameEn: string | null };
  itemsToAdd: QueryItem[];
  itemsToRemove: QueryItem[];
  steps: Array<{ index: number; title: string; role: string; state: string }>;
}

type ItemRef = Pick<QueryItem, 'key' | 'code' | 'name' | 'nameEn'>;
type BasisRef = Pick<LegalBasis, 'id' | 'category' | 'laws' | 'purpose' | 'citation'>;

export interface ApplicationDetail extends Omit<ApplicationSummary, 'steps' | 'itemsToAdd' | 'itemsToRemove' | 'form'> {
  form: { number: string; title: string } | null;
  itemsToAdd: ItemRef[];
  itemsToRemove: ItemRef[];
  service: string;
  ruleVersion: string;
  appliedAt: string | null;
  personalDataAcknowledged: boolean;
  viewerMayDecide: boolean;
  viewerMayWithdraw: boolean;
  /** The paper form it replaces, signature boxes filled from the timeline. */
  printableForm: string;
  subject: PersonRef;
  replaces: PersonRef | null;
  unitId: string | null;
  proposedBusinessItem: {
    legalBasisId: string | null;
    newLegalBasisLaws: string | null;
    newLegalBasisCategory: string | null;
    name: string;
    purpose: string;
    unitIds: string[];
  } | null;
  businessItem: { id: string; name: string; legalBasis: BasisRef | null } | null;
  legalBasis: BasisRef | null;
  retention: { minimumYears: number; keepUntil: string | null; citation: string } | null;
  steps: ApplicationStep[];
  timeline: ApplicationEvent[];
}

const PERSON_FIELDS = gql`
  fragment AccessPersonFields on Account {
    id
    username
    person {
      id
      displayName
    }
  }
`;

const APPLICATION_SUMMARY_FIELDS = gql`
  fragment ApplicationSummaryFields on Application {
    id
    kind
    operation
    status
    submittedAt
    decidedAt
    currentStep
    reason
    form {
      number
      title
    }
    applicant {
      ...AccessPersonFields
    }
    agency {
      id
      name
      nameEn
    }
    itemsToAdd {
      ...QueryItemFields
    }
    itemsToRemove {
      ...QueryItemFields
    }
    steps {
      index
      title
      role
      state
    }
  }
  ${PERSON_FIELDS}
  ${QUERY_ITEM_FIELDS}
`;

export type ApplicationPage = { nodes: ApplicationSummary[]; totalCount: number; pageInfo: PageInfo };

export const APPLICATION_INBOX_QUERY: TypedDocumentNode<{ applicationInbox: ApplicationPage }, { first: number; after?: string | null }> = gql`
  query ApplicationInbox($first: Int!, $after: String) {
    applicationInbox(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...ApplicationSummaryFields
      }
    }
  }
  ${APPLICATION_SUMMARY_FIELDS}
`;

export const MY_APPLICATIONS_QUERY: TypedDocumentNode<{ myApplications: ApplicationPage }, { first: number; after?: string | null }> = gql`
  query MyApplications($first: Int!, $after: String) {
    myApplications(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        ...ApplicationSummaryFields
      }
    }
  }
  ${APPLICATION_SUMMARY_FIELDS}
`;

// Written out flat (no nested fragments): the gateway limits query depth, and fragment spreads count as levels.
const APPLICATION_DETAIL_FIELDS = gql`
  fragment ApplicationDetailFields on Application {
    id
    kind
    operation
    status
    submittedAt
    decidedAt
    currentStep
    reason
    service
    ruleVersion
    appliedAt
    personalDataAcknowledged
    viewerMayDecide
    viewerMayWithdraw
    printableForm
    unitId
    form {
      number
      title
    }
    applicant {
      id
      username
      person {
        id
        displayName
      }
    }
    subject {
      id
      username
      person {
        id
        displayName
      }
    }
    replaces {
      id
      username
      person {
        id
        displayName
      }
    }
    agency {
      id
      name
      nameEn
    }
    itemsToAdd {
      key
      code
      name
      nameEn
    }
    itemsToRemove {
      key
      code
      name
      nameEn
    }
    proposedBusinessItem {
      legalBasisId
      newLegalBasisLaws
      newLegalBasisCategory
      name
      purpose
      unitIds
    }
    businessItem {
      id
      name
      legalBasis {
        id
        category
        laws
        purpose
        citation
      }
    }
    legalBasis {
      id
      category
      laws
      purpose
      citation
    }
    retention {
      minimumYears
      keepUntil
      citation
    }
    steps {
      index
      role
      agencyScope
      action
      title
      citation
      note
      state
      decision {
        sequence
      }
    }
    timeline {
      sequence
      event
      stepIndex
      role
      action
      onBehalfOf
      comment
      actedAt
      actor {
        id
        username
        person {
          id
          displayName
        }
      }
      actorAgency {
        id
        name
        nameEn
      }
    }
  }
`;

export const APPLICATION_QUERY: TypedDocumentNode<{ application: ApplicationDetail | null }, { id: string }> = gql`
  query AccessApplication($id: ID!) {
    application(id: $id) {
      ...ApplicationDetailFields
    }
  }
  ${APPLICATION_DETAIL_FIELDS}
`;

export interface ApplicationInput {
  kind: string;
  operation: string;
  reason: string;
  personalDataAcknowledged: boolean;
  subjectAccountId?: string | null;
  replacesAccountId?: string | null;
  itemsToAdd: string[];
  itemsToRemove: string[];
  businessItemId?: string | null;
  businessItem?: {
    legalBasisId?: string | null;
    legalBasis?: { kind: string; category: string; laws?: string | null; purpose: string } | null;
    name: string;
    purpose: string;
    unitIds?: string[] | null;
  } | null;
  legalBasisId?: string | null;
}

export const SUBMIT_APPLICATION_MUTATION: TypedDocumentNode<{ submitApplication: { id: string; status: string } }, { input: ApplicationInput }> = gql`
  mutation SubmitApplication($input: ApplicationInput!) {
    submitApplication(input: $input) {
      id
      status
    }
  }
`;

export const DECIDE_STEP_MUTATION: TypedDocumentNode<
  { decideApplicationStep: ApplicationDetail },
  { id: string; decision: 'APPROVE' | 'REJECT'; comment?: string | null; step: number }
> = gql`
  mutation DecideApplicationStep($id: ID!, $decision: StepDecision!, $comment: String, $step: Int) {
    decideApplicationStep(id: $id, decision: $decision, comment: $comment, step: $step) {
      ...ApplicationDetailFields
    }
  }
  ${APPLICATION_DETAIL_FIELDS}
`;

export const WITHDRAW_MUTATION: TypedDocumentNode<{ withdrawApplication: ApplicationDetail }, { id: string; comment?: string | null }> = gql`
  mutation WithdrawApplication($id: ID!, $comment: String) {
    withdrawApplication(id: $id, comment: $comment) {
      ...ApplicationDetailFields
    }
  }
  ${APPLICATION_DETAIL_FIELDS}
`;

// ---- Grants matrix ----

export interface GrantsMatrix {
  agencyId: string;
  items: QueryItem[];
  rows: Array<{ account: PersonRef & { unitId: string | null; status: string }; itemKeys: string[] }>;
  pageInfo: PageInfo;
  totalCount: number;
}

export const GRANTS_MATRIX_QUERY: TypedDocumentNode<{ grantsMatrix: GrantsMatrix }, { agencyId: string; first: number; after?: string | null }> = gql`
  query GrantsMatrix($agencyId: ID!, $first: Int!, $after: String) {
    grantsMatrix(agencyId: $agencyId, first: $first, after: $after) {
      agencyId
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      items {
        ...QueryItemFields
      }
      rows {
        itemKeys
        account {
          ...AccessPersonFields
          unitId
          status
        }
      }
    }
  }
  ${PERSON_FIELDS}
  ${QUERY_ITEM_FIELDS}
`;

export interface AgencyOption {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  parentId: string | null;
}

export const AGENCIES_QUERY: TypedDocumentNode<{ agencies: AgencyOption[] }, NoVariables> = gql`
  query AccessAgencies {
    agencies {
      id
      name
      nameEn
      kind
      parentId
    }
  }
`;

export const MY_AGENCY_QUERY: TypedDocumentNode<{ me: { id: string; agency: AgencyOption } | null }, NoVariables> = gql`
  query AccessMyAgency {
    me {
      id
      agency {
        id
        name
        nameEn
        kind
        parentId
      }
    }
  }
`;
