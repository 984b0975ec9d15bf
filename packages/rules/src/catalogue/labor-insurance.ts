import { defineItem, NO_LOOKUP_KEY, type QueryItem } from './query-item';

/**
 * 勞保局 WebIR query items, in the order and wording of Taoyuan 附表二 (業務承辦者申請表) and
 * 附表三 (查調項目增減表), which list the same 19 items. Lookup keys are those the forms print in
 * brackets; items without one get `unspecified` rather than a guessed key.
 * English names are our translations.
 */
const lookup = {
  insuranceNumberAndPremiumMonth: { id: 'insurance-number-and-premium-month', zh: '以保險證號+保費年月查詢', en: 'by insurance number and premium month' },
  nationalId: { id: 'national-id', zh: '以身分證號查詢', en: 'by national ID number' },
  insuranceNumber: { id: 'insurance-number', zh: '以保險證號查詢', en: 'by insurance (unit) number' },
  businessNumber: { id: 'business-number', zh: '以營利事業統一編號查詢', en: 'by business number (統一編號)' },
  contributionUnitNumber: { id: 'contribution-unit-number', zh: '以提繳單位編號查詢', en: 'by pension contribution unit number' },
} as const;

const item = (row: number, code: string, nameZh: string, nameEn: string, key = NO_LOOKUP_KEY): QueryItem =>
  defineItem('labor-insurance', 'Taoyuan 附表二/附表三', row, code, nameZh, nameEn, key);

export const LABOR_INSURANCE_ITEMS: readonly QueryItem[] = [
  item(1, 'C0101', '被保險人投保資料', 'Insured person’s enrolment data'),
  item(2, 'C0201', '單位被保險人名冊', 'Insured unit’s roster of insured persons'),
  item(3, 'C0301', '勞保身心障礙政府補助費', 'Government labor-insurance premium subsidy for persons with disabilities', lookup.insuranceNumberAndPremiumMonth),
  item(4, 'C0302', '勞保身心障礙政府補助費', 'Government labor-insurance premium subsidy for persons with disabilities', lookup.nationalId),
  item(5, 'C0401', '勞保投保單位基本資料', 'Insured unit (employer) basic data', lookup.insuranceNumber),
  item(6, 'C0401', '勞保投保單位基本資料', 'Insured unit (employer) basic data', lookup.businessNumber),
  item(7, 'F0101', '投保單位應繳保費資料', 'Premiums payable by the insured unit'),
  item(8, 'F0201', '勞保被保險人各月份自付額查詢', 'Insured person’s self-paid premium by month'),
  item(9, 'B0101', '給付簡要資料', 'Benefit summary'),
  item(10, 'B0201', '給付明細資料', 'Benefit details'),
  item(11, 'B0301', '失業給付資格', 'Unemployment benefit eligibility'),
  item(12, 'P0101', '勞保退繳單位基本資料', 'Labor pension contribution unit basic data', lookup.contributionUnitNumber),
  item(13, 'P0102', '勞保退繳單位基本資料', 'Labor pension contribution unit basic data', lookup.businessNumber),
  item(14, 'P0201', '以營利事業統一編號查詢', 'Labor pension: query by business number', lookup.businessNumber),
  item(15, 'P0301', '勞工提繳退休金異動資料', 'Changes to a worker’s pension contributions'),
  item(16, 'N0101', '國民年金給付資料', 'National pension benefit data'),
  item(17, 'T0101', '老年農民福利津貼發放查詢', 'Elderly farmers’ welfare allowance payments'),
  item(18, 'B0401', '勞保年金給付資料查詢', 'Labor insurance annuity benefit data'),
  item(19, 'P0401', '勞退請領資料查詢', 'Labor pension claim data'),
];
