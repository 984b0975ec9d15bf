import { gql, login } from '../support/gateway-client';
import { demoUser } from '../support/platform';

export const CREATE_REQUEST = `mutation ($input: CreateQueryRequestInput!) { createQueryRequest(input: $input) { id status preApprovalRequired unitId subjectMasked } }`;
export const APPROVE = `mutation ($id: ID!) { approveQueryRequest(id: $id) { id status decision { expiresAt } } }`;
export const RECORD = `mutation ($input: RecordQueryInput!) { recordQuery(input: $input) { id sequence itemKey caseNumber subjectMasked queriedAt recordHash decisionRuleVersion } }`;

export const ITEM: Record<string, string> = {
  taipei: 'labor-insurance:C0101:unspecified',
  taoyuan: 'labor-insurance:C0101:unspecified',
  changhua: 'labor-insurance:C0101:unspecified',
  tainan: 'health-insurance:C0101:national-id',
};

const tokens = new Map<string, string>();

/** A demo user's access token, logged in once per test file (by password or certificate as the city allows). */
export async function tokenOf(cityId: string, role: string): Promise<string> {
  const key = `${cityId}/${role}`;
  if (!tokens.has(key)) tokens.set(key, await login(demoUser(cityId, role)));
  return tokens.get(key)!;
}

export function requestInput(cityId: string, overrides: Record<string, unknown> = {}) {
  return {
    caseNumber: `E2E-${cityId}-${Date.now().toString(36)}`,
    purpose: '社會救助資格審核',
    itemKeys: [ITEM[cityId]],
    subjectKind: 'NATIONAL_ID',
    subject: 'A123456789',
    legalBasis: '社會救助法第44條之2',
    ...overrides,
  };
}

/** A caseworker files a request and, where asked, the unit head approves it; returns the request id. */
export async function fileRequest(cityId: string, options: { approve?: boolean; overrides?: Record<string, unknown> } = {}): Promise<string> {
  const created = await gql(CREATE_REQUEST, { input: requestInput(cityId, options.overrides) }, await tokenOf(cityId, 'CASEWORKER'));
  if (!created.data) throw new Error(`request failed: ${JSON.stringify(created.errors)}`);
  const id: string = created.data.createQueryRequest.id;
  if (options.approve) {
    const approved = await gql(APPROVE, { id }, await tokenOf(cityId, 'UNIT_HEAD'));
    if (!approved.data) throw new Error(`approval failed: ${JSON.stringify(approved.errors)}`);
  }
  return id;
}

export async function record(cityId: string, requestId: string, extra: Record<string, unknown> = {}) {
  return gql(RECORD, { input: { requestId, itemKey: ITEM[cityId], ...extra } }, await tokenOf(cityId, 'CASEWORKER'));
}
