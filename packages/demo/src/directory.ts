import { demoId } from './ids';

/**
 * The demo organisation of the four cities: who exists, in which agency, with which roles. Every
 * subgraph seeds its own rows from this one list, and the start command prints the logins from it.
 */
export type DemoRole =
  | 'TOP_ADMIN' | 'REVIEWING_OFFICER' | 'AGENCY_ADMIN' | 'UNIT_ADMIN' | 'CASEWORKER' | 'AUDITOR'
  | 'ETHICS_OFFICER' | 'IT_OFFICER' | 'AGENCY_HEAD' | 'UNIT_HEAD' | 'BUREAU_OFFICER';

export interface DemoCity { id: string; name: string; nameEn: string }
export interface DemoAgency {
  id: string; cityId: string; key: string; name: string; nameEn: string;
  kind: 'GOVERNING' | 'REVIEWING' | 'USING' | 'DISTRICT_OFFICE' | 'CENTRAL';
  parentKey?: string; commissioningAgencyKey?: string;
  /** For a CENTRAL agency (a bureau): the WebIR service it runs and audits across cities. */
  bureauService?: 'labor-insurance' | 'health-insurance';
}
export interface DemoUnit { id: string; cityId: string; agencyKey: string; key: string; name: string; nameEn: string }
export interface DemoUser {
  accountId: string; personId: string; cityId: string; agencyKey: string; unitKey?: string;
  username: string; displayName: string; roles: DemoRole[];
}

export const DEMO_PASSWORD = 'Custos-Demo-2026!';

export const demoCities: DemoCity[] = [
  { id: 'taipei', name: '臺北市', nameEn: 'Taipei City' },
  { id: 'taoyuan', name: '桃園市', nameEn: 'Taoyuan City' },
  { id: 'changhua', name: '彰化縣', nameEn: 'Changhua County' },
  { id: 'tainan', name: '臺南市', nameEn: 'Tainan City' },
];

/**
 * Issue 9: the central agencies are not a city. They live in a tenant of their own, `central`
 * (a row of identity's city list, with no rule profile, so certificate login only), as agencies of
 * kind CENTRAL that name the service they run. Only identity seeds it: the other subgraphs hold
 * no rows of the central tenant; a bureau officer reads the cities' rows through the cross-city
 * reach in the access token (see docs/reporting.md).
 */
export const DEMO_CENTRAL_TENANT_ID = 'central';
export const demoCentralTenant: DemoCity = { id: DEMO_CENTRAL_TENANT_ID, name: '中央主管機關', nameEn: 'Central agencies' };

interface CityPlan {
  cityId: string;
  governing: [string, string];
  reviewing: [string, string];
  using: [string, string];
  unit: [string, string];
  district: [string, string];
}

const plans: CityPlan[] = [
  { cityId: 'taipei', governing: ['臺北市政府勞動局', 'Department of Labor'], reviewing: ['臺北市政府勞動局總稽核小組', 'Labor Department Audit Team'], using: ['臺北市政府社會局', 'Department of Social Welfare'], unit: ['身心障礙者福利科', 'Disability Welfare Section'], district: ['臺北市中正區公所', 'Zhongzheng District Office'] },
  { cityId: 'taoyuan', governing: ['桃園市政府資訊中心', 'Information Technology Center'], reviewing: ['桃園市政府勞動局', 'Department of Labor'], using: ['桃園市政府社會局', 'Department of Social Welfare'], unit: ['社會救助科', 'Social Assistance Section'], district: ['桃園市桃園區公所', 'Taoyuan District Office'] },
  { cityId: 'changhua', governing: ['彰化縣政府社會處', 'Department of Social Affairs'], reviewing: ['彰化縣政府社會處', 'Department of Social Affairs (review)'], using: ['彰化縣政府勞工處', 'Department of Labor Affairs'], unit: ['勞資關係科', 'Labor Relations Section'], district: ['彰化縣彰化市公所', 'Changhua City Office'] },
  { cityId: 'tainan', governing: ['臺南市政府衛生局', 'Public Health Bureau'], reviewing: ['臺南市政府衛生局企劃科', 'Public Health Bureau Planning Section'], using: ['臺南市政府社會局', 'Social Affairs Bureau'], unit: ['社會救助科', 'Social Assistance Section'], district: ['臺南市東區區公所', 'East District Office'] },
];

export const demoAgencies: DemoAgency[] = plans.flatMap((plan) => [
  { id: demoId(`${plan.cityId}/agency/governing`), cityId: plan.cityId, key: 'governing', name: plan.governing[0], nameEn: plan.governing[1], kind: 'GOVERNING' as const },
  { id: demoId(`${plan.cityId}/agency/reviewing`), cityId: plan.cityId, key: 'reviewing', name: plan.reviewing[0], nameEn: plan.reviewing[1], kind: 'REVIEWING' as const, parentKey: 'governing' },
  { id: demoId(`${plan.cityId}/agency/social`), cityId: plan.cityId, key: 'social', name: plan.using[0], nameEn: plan.using[1], kind: 'USING' as const, parentKey: 'governing' },
  { id: demoId(`${plan.cityId}/agency/district`), cityId: plan.cityId, key: 'district', name: plan.district[0], nameEn: plan.district[1], kind: 'DISTRICT_OFFICE' as const, parentKey: 'social', commissioningAgencyKey: 'social' },
]);

export const demoBureauAgencies: DemoAgency[] = [
  { id: demoId('central/agency/labor-bureau'), cityId: DEMO_CENTRAL_TENANT_ID, key: 'labor-bureau', name: '勞動部勞工保險局', nameEn: 'Bureau of Labor Insurance', kind: 'CENTRAL', bureauService: 'labor-insurance' },
  { id: demoId('central/agency/nhi'), cityId: DEMO_CENTRAL_TENANT_ID, key: 'nhi', name: '衛生福利部中央健康保險署', nameEn: 'National Health Insurance Administration', kind: 'CENTRAL', bureauService: 'health-insurance' },
];
demoAgencies.push(...demoBureauAgencies);

export const demoUnits: DemoUnit[] = plans.map((plan) => ({
  id: demoId(`${plan.cityId}/unit/assistance`), cityId: plan.cityId, agencyKey: 'social', key: 'assistance', name: plan.unit[0], nameEn: plan.unit[1],
}));

const people: Array<{ key: string; surname: string; given: string; agencyKey: string; unitKey?: string; roles: DemoRole[] }> = [
  { key: 'admin', surname: '王', given: '總管', agencyKey: 'governing', roles: ['TOP_ADMIN'] },
  { key: 'agencyadmin', surname: '林', given: '機關', agencyKey: 'social', roles: ['AGENCY_ADMIN'] },
  { key: 'head', surname: '陳', given: '主管', agencyKey: 'social', unitKey: 'assistance', roles: ['UNIT_HEAD', 'UNIT_ADMIN'] },
  { key: 'clerk', surname: '張', given: '承辦', agencyKey: 'social', unitKey: 'assistance', roles: ['CASEWORKER'] },
  { key: 'auditor', surname: '李', given: '稽核', agencyKey: 'social', roles: ['AUDITOR', 'ETHICS_OFFICER'] },
  // The rest of the approval chains and of the joint investigation team (business + ethics + IT).
  { key: 'director', surname: '黃', given: '首長', agencyKey: 'social', roles: ['AGENCY_HEAD'] },
  { key: 'reviewer', surname: '吳', given: '審核', agencyKey: 'reviewing', roles: ['REVIEWING_OFFICER'] },
  { key: 'itofficer', surname: '周', given: '資訊', agencyKey: 'social', roles: ['IT_OFFICER'] },
];

export const demoUsers: DemoUser[] = plans.flatMap((plan) =>
  people.map((person) => ({
    accountId: demoId(`${plan.cityId}/account/${person.key}`),
    personId: demoId(`${plan.cityId}/person/${person.key}`),
    cityId: plan.cityId,
    agencyKey: person.agencyKey,
    unitKey: person.unitKey,
    username: `${plan.cityId}.${person.key}`,
    displayName: `${person.surname}${person.given}`,
    roles: person.roles,
  })),
);

/** Issue 9: one officer per bureau (certificate login), and the central tenant's admin who manages their service accounts. */
export const demoBureauUsers: DemoUser[] = [
  { key: 'labor', surname: '勞', given: '保查核', agencyKey: 'labor-bureau', roles: ['BUREAU_OFFICER'] as DemoRole[] },
  { key: 'nhi', surname: '健', given: '保查核', agencyKey: 'nhi', roles: ['BUREAU_OFFICER'] as DemoRole[] },
  { key: 'admin', surname: '中', given: '央管理', agencyKey: 'labor-bureau', roles: ['TOP_ADMIN'] as DemoRole[] },
].map((person) => ({
  accountId: demoId(`central/account/${person.key}`),
  personId: demoId(`central/person/${person.key}`),
  cityId: DEMO_CENTRAL_TENANT_ID,
  agencyKey: person.agencyKey,
  username: `central.${person.key}`,
  displayName: `${person.surname}${person.given}`,
  roles: person.roles,
}));
demoUsers.push(...demoBureauUsers);

export function demoAgencyId(cityId: string, key: string): string {
  const agency = demoAgencies.find((a) => a.cityId === cityId && a.key === key);
  if (!agency) throw new Error(`No demo agency ${cityId}/${key}`);
  return agency.id;
}

export function demoUnitId(cityId: string, key: string): string {
  const unit = demoUnits.find((u) => u.cityId === cityId && u.key === key);
  if (!unit) throw new Error(`No demo unit ${cityId}/${key}`);
  return unit.id;
}
