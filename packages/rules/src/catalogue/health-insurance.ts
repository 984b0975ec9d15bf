import { defineItem, NO_LOOKUP_KEY, type QueryItem } from './query-item';

/**
 * 健保署 WebIR query items, in the order and wording of Tainan 附表二 (健保 WebIR 使用者申請表).
 *
 * The form prints 健保署 codes only for rows 1 and 2 (C0101, C0201 — not the labor-insurance items
 * of the same codes). Rows 3–13 have no code anywhere in the Tainan document, so they carry
 * PLACEHOLDER codes `HX03`…`HX13` (H = health, X = not an official code, digits = the form row) with
 * `codeIsPlaceholder: true`. When the 健保署 code list is obtained, replace them; their item keys
 * change then, so stored keys need a data migration at the same time.
 */
const lookup = {
  nationalIdOptionalBirthDate: {
    id: 'national-id',
    zh: '以身分證號[+出生日期](若身分證號重號)查詢',
    en: 'by national ID number [+ date of birth if the ID number is duplicated]',
  },
  nationalIdAndPremiumMonth: {
    id: 'national-id-and-premium-month',
    zh: '以身分證號+保費年月[+出生日期]查詢',
    en: 'by national ID number and premium month [+ date of birth]',
  },
} as const;

const item = (row: number, code: string, nameZh: string, nameEn: string, key = NO_LOOKUP_KEY): QueryItem =>
  defineItem('health-insurance', 'Tainan 附表二', row, code, nameZh, nameEn, key);

/** A placeholder code for a row the form lists without a code (see the module comment). */
const placeholder = (row: number, nameZh: string, nameEn: string): QueryItem =>
  defineItem('health-insurance', 'Tainan 附表二', row, `HX${String(row).padStart(2, '0')}`, nameZh, nameEn, NO_LOOKUP_KEY, true);

export const HEALTH_INSURANCE_ITEMS: readonly QueryItem[] = [
  item(1, 'C0101', '保險對象目前投保紀錄', 'Insured person’s current enrolment', lookup.nationalIdOptionalBirthDate),
  item(2, 'C0201', '保險對象歷史投保紀錄', 'Insured person’s enrolment history', lookup.nationalIdAndPremiumMonth),
  placeholder(3, '保險對象自付保險費明細查詢', 'Insured person’s self-paid premium details'),
  placeholder(4, '保險對象繳費紀錄查詢', 'Insured person’s payment record'),
  placeholder(5, '保險對象欠費資料查詢', 'Insured person’s arrears'),
  placeholder(6, '保險對象健保卡領卡紀錄查詢', 'Insured person’s NHI card issuance record'),
  placeholder(7, '投保單位基本資料查詢', 'Insured unit basic data'),
  placeholder(8, '投保單位保險對象名冊查詢', 'Insured unit’s roster of insured persons'),
  placeholder(9, '投保單位保費計費明細查詢', 'Insured unit’s premium calculation details'),
  placeholder(10, '投保單位繳費紀錄查詢', 'Insured unit’s payment record'),
  placeholder(11, '投保單位欠費資料查詢', 'Insured unit’s arrears'),
  placeholder(12, '個人就醫紀錄查詢', 'Personal medical-visit record'),
  placeholder(13, '保險對象已繳納自付保費明細資料查詢', 'Insured person’s paid self-paid premium details'),
];
