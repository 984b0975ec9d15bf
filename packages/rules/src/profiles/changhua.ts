import type { RuleProfileInput, RuleVersionInput } from '../schema';
import { noRole, platformDefault, role, rule, silent, step, unavailableApplication } from './build';
import { IDLE_ACCOUNT_DAYS, LOCKOUT_THRESHOLD, PRE_APPROVAL_VALIDITY_HOURS } from './platform-defaults';

/**
 * 彰化縣 — 彰化縣政府使用勞動部勞工保險局業務資料管理規定.
 * Source: shared/seeds/changhua-labor-insurance-webir-rules-revision.txt, a 修正對照表 printing the
 * revised rule (修正規定) beside the rule it replaces (現行規定). Both are encoded as versions;
 * citations are to the point numbers, which the revision kept.
 */

/**
 * Neither text carries a date. The original names 勞動部勞工保險局, which exists under that name
 * since 勞動部 was established on 2014-02-17, so the original cannot have applied earlier; we use
 * that date as for Taipei.
 */
export const CHANGHUA_ORIGINAL_EFFECTIVE_FROM = '2014-02-17';

/**
 * The date the revision (scope widened from 社會處 to 本府及所屬機關, forms renumbered) takes effect.
 * The 修正對照表 has no date, so this is OUR CHOICE, not Changhua's: 2024-01-01.
 * Why a late date rather than an early one: before this date queries are judged by the narrower
 * original rule (社會處 only, F0201 only), so an error in our choice flags records for review
 * instead of silently accepting them; and it is before Custos holds any live Changhua data, so all
 * live queries are judged by the revision. Replace it with the date of Changhua's 函 when known.
 */
export const CHANGHUA_REVISION_EFFECTIVE_FROM = '2024-01-01';

const ORIGINAL = '現行規定';

/** The parts that differ between the two versions; everything else is shared below. */
interface Variant {
  id: string;
  labelZh: string;
  labelEn: string;
  dates: Pick<RuleVersionInput, 'effectiveFrom' | 'effectiveFromBasis' | 'effectiveUntil' | 'effectiveUntilBasis' | 'status'>;
  scope: RuleVersionInput['scope'];
  /** 附表 numbers: the revision inserted the 業務項目清冊 as 附表一 and shifted the others by one. */
  forms: { adminChange: string; userChange: string; queryRegister: string; businessRegister: string | null };
  itemEligibility: RuleVersionInput['itemEligibility'];
  agencyItems: RuleVersionInput['applications']['agency-items'];
  auditor: RuleVersionInput['roles']['AUDITOR'];
  sampleAuditOwner: 'TOP_ADMIN' | 'AUDITOR';
  resultsReviewedBy: RuleVersionInput['audits']['resultsReviewedBy'];
}

function changhuaVersion(v: Variant): RuleVersionInput {
  return {
    id: v.id,
    labelZh: v.labelZh,
    labelEn: v.labelEn,
    ...v.dates,
    scope: v.scope,
    forms: [
      ...(v.forms.businessRegister === null
        ? []
        : [{ kind: 'business-item-register' as const, number: v.forms.businessRegister, titleZh: '彰化縣政府查詢勞保局資料業務項目清冊', citation: 'Changhua 2' }]),
      { kind: 'agency-admin-application', number: v.forms.adminChange, titleZh: '電子查驗(WebIR)機關管理者異動申請表', citation: 'Changhua 4(二)' },
      { kind: 'user-application', number: v.forms.userChange, titleZh: '勞保 WebIR 使用者權限異動申請表', citation: 'Changhua 4(五)' },
      { kind: 'query-register', number: v.forms.queryRegister, titleZh: '彰化縣政府使用勞動部勞工保險局電子查驗服務系統查調資料登記表', citation: 'Changhua 5(一)' },
    ],
    itemEligibility: v.itemEligibility,
    roles: {
      TOP_ADMIN: role('管理者', 'Administrator', 'Changhua 4(二)', '本府社會處', 'one admin in the Department of Social Affairs handles applications, data security and audits'),
      REVIEWING_OFFICER: noRole('Changhua (no provision)'),
      AGENCY_ADMIN: role('管理者', 'Administrator', 'Changhua 4(二)', '本府社會處', 'the same single admin: Changhua has no per-agency admins'),
      UNIT_ADMIN: noRole('Changhua (no provision)'),
      CASEWORKER: role('使用者', 'User', 'Changhua 4(五)'),
      AUDITOR: v.auditor,
      ETHICS_OFFICER: role('政風單位', 'Ethics unit', 'Changhua 8(二)'),
      IT_OFFICER: role('資訊單位', 'IT unit', 'Changhua 8(二)'),
      AGENCY_HEAD: noRole('Changhua (no provision)'),
      UNIT_HEAD: role('所屬主管', 'Supervisor', 'Changhua 4(五), 5(一)', null, 'approves user applications and each query request'),
      BUREAU_OFFICER: role('勞動部勞工保險局', 'Bureau of Labor Insurance', 'Changhua 4(八), 8(四)', '勞動部勞工保險局'),
    },
    applications: {
      'agency-admin-account': {
        available: rule(true, 'Changhua 4(二)'),
        operations: rule(['change'], 'Changhua 4(二)', 'only a change of admin (業務調動、離職) is described'),
        formKind: 'agency-admin-application',
        steps: [
          step('TOP_ADMIN', 'top-admin', 'apply', '管理者', 'Changhua 4(二)', { note: 'the departing admin fills in the change form; the new admin keeps it five years' }),
          step('TOP_ADMIN', 'top-admin', 'notify-egov-platform', '管理者', 'Changhua 4(二)', {
            note: '報請電子化政府服務平臺處理: the national e-government platform, not Custos, switches the admin account',
          }),
        ],
        requiresLegalBasis: silent(false, 'Changhua (no provision; cf. 4(二))'),
        personalDataAcknowledgement: silent(false, 'Changhua (no provision; cf. 4(二))'),
      },
      'user-account': {
        available: rule(true, 'Changhua 4(五)'),
        operations: rule(['new', 'change', 'delete'], 'Changhua 4(五), 4(六)', 'on a change of duties the admin adjusts the permissions and revokes the old account (4(六))'),
        formKind: 'user-application',
        steps: [
          step('CASEWORKER', 'own-unit', 'apply', '使用者', 'Changhua 4(五)'),
          step('UNIT_HEAD', 'own-unit', 'approve', '所屬主管', 'Changhua 4(五)'),
          step('TOP_ADMIN', 'top-admin', 'set-up', '管理者', 'Changhua 4(五)', { note: '經核准後設定權限' }),
        ],
        requiresLegalBasis: silent(false, 'Changhua (no provision; cf. 4(五))', 'users may only serve the business items the version allows (see itemEligibility)'),
        personalDataAcknowledgement: silent(false, 'Changhua (no provision; cf. 4(五))'),
      },
      'agency-items': v.agencyItems,
    },
    commissionedAgencyConsent: silent({ required: false, consentBy: null }, 'Changhua (no provision)'),
    login: {
      prerequisites: rule(['myegov-official-account', 'citizen-certificate-uploaded'], 'Changhua 4(一)'),
      certificateRequired: rule(true, 'Changhua 4(七)', '應以本人之自然人憑證登入系統'),
      certificateAllowed: rule(true, 'Changhua 4(七)'),
      passwordAllowed: rule(false, 'Changhua 4(七)', '不使用密碼登入系統'),
      passwordMaxAgeDays: rule(null, 'Changhua 4(七)', 'no passwords'),
      passwordComplexity: rule(null, 'Changhua 4(七)', 'no passwords'),
      lockoutThreshold: platformDefault(LOCKOUT_THRESHOLD, 'Changhua sets no lockout', 'failed certificate logins before the account locks'),
      idleAccountDays: platformDefault(IDLE_ACCOUNT_DAYS, 'Changhua 6(一): 長期閒置, no period', 'the annual review treats accounts unused this long as idle'),
      accountSharingForbidden: rule(true, 'Changhua 4(七)', '不得使用非本人申請之帳號、帳號不得外借供他人使用'),
    },
    accounts: {
      revokeOnDutyChange: rule({ deadline: 'on-or-before-move-date' }, 'Changhua 4(六)', '於異動前或當日，由管理者調整權限、註銷原帳號'),
      adminHandover: rule({ newAccountBeforeOldStopped: true, handOver: ['user-roster', 'audit-records'] }, 'Changhua 4(三), 4(四)', 'the new admin’s account is created before the old one is stopped, on or before the move date'),
      accountReviewChecks: rule(['duplicate', 'idle', 'role-changed', 'departed'], 'Changhua 6(一)', '重複、長期閒置、職務調整、離職之帳號'),
    },
    queries: {
      supervisorPreApproval: rule(true, 'Changhua 5(一)', '經所屬主管核可後始得查詢'),
      preApprovalValidityHours: platformDefault(PRE_APPROVAL_VALIDITY_HOURS, 'Changhua 5(一) sets no validity', 'an approval not used within three days lapses'),
      legalBasisOrConsentPerQuery: silent(false, 'Changhua (no provision; cf. 5(二))', 'use is limited to the original purpose (僅供原申請目的使用)'),
      registerFormKind: 'query-register',
      registerFields: rule(['supervisor-approval'], 'Changhua 5(一)', 'the register form’s other fields are not in the document'),
      proxyQueries: platformDefault(
        { allowed: false, writtenAuthorisationRequired: false, formKind: null },
        'Changhua has no proxy-query provision',
        '4(七) forbids using an account one did not apply for',
      ),
      officeHoursOnly: silent(false, 'Changhua (no provision)'),
      officeHours: silent(null, 'Changhua (no provision)'),
      officeNetworkOnly: silent(false, 'Changhua (no provision)'),
      outsourcedVendorsBarred: rule(true, 'Changhua 4(五)', 'users are colleagues of the government (同仁), so vendor staff cannot hold accounts'),
    },
    obligations: [
      {
        id: 'notify-bureau-of-change',
        kind: 'notify-bureau',
        cadence: 'event',
        dueRule: { type: 'days-after-event', event: 'admin-changed', days: 7, countFrom: 'next-day' },
        owner: 'TOP_ADMIN',
        description: 'Notify 勞保局 when the contact window, the admin or a unit head changes (異動翌日起七日內)',
        citation: 'Changhua 4(八)',
      },
      {
        id: 'admin-handover',
        kind: 'admin-handover',
        cadence: 'event',
        dueRule: { type: 'on-or-before-event', event: 'staff-moved-or-left' },
        owner: 'TOP_ADMIN',
        description: 'Create the new admin’s account, then stop the old one, and hand over the user roster and audit records',
        citation: 'Changhua 4(三), 4(四)',
      },
      {
        id: 'revoke-on-move',
        kind: 'revoke-account',
        cadence: 'event',
        dueRule: { type: 'on-or-before-event', event: 'staff-moved-or-left' },
        owner: 'TOP_ADMIN',
        description: 'Adjust permissions and revoke the account of a user changing duties, on or before the day',
        citation: 'Changhua 4(六)',
      },
      {
        id: 'annual-account-review',
        kind: 'account-review',
        cadence: 'yearly',
        dueRule: { type: 'end-of-period' },
        owner: 'TOP_ADMIN',
        description: 'Review all accounts, build the user roster and revoke duplicate, idle, role-changed and departed accounts; keep the record',
        citation: 'Changhua 6(一)',
      },
      {
        id: 'annual-destruction-check',
        kind: 'data-destruction-check',
        cadence: 'yearly',
        dueRule: { type: 'end-of-period' },
        owner: 'TOP_ADMIN',
        description: 'Check the keeping and destruction of bureau data; keep the record',
        citation: 'Changhua 6(二)',
      },
      {
        id: 'half-yearly-sample-audit',
        kind: 'sample-audit',
        cadence: 'half-yearly',
        dueRule: { type: 'end-of-period' },
        owner: v.sampleAuditOwner,
        description: 'Check a sample of the half year’s cases (10%, at least 30, at most 100; all if fewer than 30)',
        citation: 'Changhua 8(一)',
      },
      {
        id: 'annual-data-security-audit',
        kind: 'data-security-audit',
        cadence: 'yearly',
        dueRule: { type: 'end-of-period' },
        owner: 'TOP_ADMIN',
        description: 'Data-security audit, with an audit record',
        citation: 'Changhua 8(三)',
      },
      {
        id: 'joint-audit-on-anomaly',
        kind: 'anomaly-investigation',
        cadence: 'event',
        dueRule: { type: 'upon-event', event: 'anomaly-found' },
        owner: 'TOP_ADMIN',
        description: 'On a major anomaly, audit jointly with the ethics and IT units and write an audit report',
        citation: 'Changhua 8(二)',
      },
      {
        id: 'report-security-incident',
        kind: 'notify-bureau',
        cadence: 'event',
        dueRule: { type: 'upon-event', event: 'security-incident' },
        owner: 'TOP_ADMIN',
        description: 'Take emergency measures and notify 勞保局 at once of a (suspected) personal-data incident',
        citation: 'Changhua 11',
      },
    ],
    audits: {
      sampling: rule(
        { period: 'half-year', unit: 'case', percent: 10, minimum: 30, maximum: 100, allIfFewerThan: 30, rounding: 'up' },
        'Changhua 8(一)',
        '每半年抽查百分之十案件，至多一百件、至少三十件，少於三十件應全數查核; the rule does not say how to round, the platform rounds up',
      ),
      checklist: silent(
        { formKind: null, items: [], resultOptionsZh: [], extraFields: [] },
        'Changhua (no provision; cf. 8(二))',
        'results are written up as a 查核紀錄; no checklist is given',
      ),
      anomalyTeam: rule(
        { members: ['TOP_ADMIN', 'ETHICS_OFFICER', 'IT_OFFICER'], triggerZh: '查核結果有重大異常情形', outputZh: '稽核報告（保存至少五年）' },
        'Changhua 8(二)',
        '由管理者會同政風單位及資訊單位共同稽核',
      ),
      anomalyActions: rule(['joint-audit', 'audit-report'], 'Changhua 8(二)'),
      resultsReviewedBy: v.resultsReviewedBy,
      externalAuditors: rule(['bureau'], 'Changhua 8(四)', '配合勞保局書面或實地稽核'),
    },
    retention: rule(
      [
        { recordKind: 'admin-change-form', minimumYears: 5, startsAt: 'record-date', citation: 'Changhua 4(二)' },
        { recordKind: 'account-application', minimumYears: 5, startsAt: 'record-date', citation: 'Changhua 4(五)' },
        { recordKind: 'query-request', minimumYears: 5, startsAt: 'record-date', citation: 'Changhua 5(一)' },
        { recordKind: 'query-log-printout', minimumYears: 5, startsAt: 'record-date', citation: 'Changhua 5(六)' },
        { recordKind: 'account-review', minimumYears: 5, startsAt: 'record-date', citation: 'Changhua 6(一)' },
        { recordKind: 'data-destruction-check', minimumYears: 5, startsAt: 'record-date', citation: 'Changhua 6(二)' },
        { recordKind: 'audit-record', minimumYears: 5, startsAt: 'record-date', citation: 'Changhua 8(二)' },
        { recordKind: 'audit-report', minimumYears: 5, startsAt: 'record-date', citation: 'Changhua 8(二)' },
        { recordKind: 'data-security-audit', minimumYears: 5, startsAt: 'record-date', citation: 'Changhua 8(三)' },
      ],
      'Changhua 4, 5, 6, 8',
    ),
    destruction: {
      printouts: rule(
        { fileWithCaseWhenNeeded: true, whenNoLongerNeeded: 'destroy-within-period', holdMonthsAfterQuery: 12, destroyWithinMonths: 1, methodZh: '銷毀應至無法辨識' },
        'Changhua 5(五)',
        'once not needed for the file and a year has passed (查調日翌日起一年後), destroy within one month',
      ),
      electronicCopies: rule('forbidden', 'Changhua 5(五)', '皆以紙本列印資料，不另下載電子檔'),
      copyingForbidden: rule(true, 'Changhua 5(二)', '不得任意影印或複製'),
    },
  };
}

const original = changhuaVersion({
  id: 'changhua-labor-insurance-original',
  labelZh: `彰化縣政府使用勞動部勞工保險局業務資料管理規定（${ORIGINAL}）`,
  labelEn: 'Changhua rules before the revision (Department of Social Affairs only)',
  dates: {
    effectiveFrom: CHANGHUA_ORIGINAL_EFFECTIVE_FROM,
    effectiveFromBasis: platformDefault(null, 'Changhua 1 現行規定 names 勞動部勞工保險局; no date given', '勞動部 was established on 2014-02-17 (see CHANGHUA_ORIGINAL_EFFECTIVE_FROM)'),
    effectiveUntil: CHANGHUA_REVISION_EFFECTIVE_FROM,
    effectiveUntilBasis: platformDefault(null, 'the 修正對照表 gives no date for the revision', 'replaced by the revision on our chosen date (see CHANGHUA_REVISION_EFFECTIVE_FROM)'),
    status: 'repealed',
  },
  scope: rule({ agenciesZh: '本府社會處', agenciesEn: 'The county’s Department of Social Affairs only' }, `Changhua 1 (${ORIGINAL})`),
  forms: { businessRegister: null, adminChange: '附表一', userChange: '附表二', queryRegister: '附表三' },
  itemEligibility: rule(
    {
      mode: 'listed-items-only',
      items: ['labor-insurance:F0201:unspecified'],
      legalBases: [
        {
          category: 'social',
          categoryZh: '社政',
          lawsZh: '身心障礙者權益保障法第七十一之一條及身心障礙者參加社會保險保險費補助辦法第九條',
          purposeZh: '供本府社會處辦理身心障礙者參加社會保險不列入媒體交換保險費補助',
          citation: `Changhua 2 (${ORIGINAL})`,
        },
      ],
    },
    `Changhua 2, 3 (${ORIGINAL})`,
    'only 勞保被保險人各月份自付額資料 (F0201), only for persons with disabilities outside the media exchange',
  ),
  agencyItems: unavailableApplication(`Changhua 2, 3 (${ORIGINAL})`, 'the rule itself fixes the only legal basis, agency and item; there is nothing to apply for'),
  auditor: role('管理者', 'Administrator', `Changhua 8(一) (${ORIGINAL})`, '本府社會處', 'the admin draws and checks the half-yearly sample'),
  sampleAuditOwner: 'TOP_ADMIN',
  resultsReviewedBy: silent(null, `Changhua (no provision; cf. 8(二) ${ORIGINAL})`, 'the admin audits; the 查核紀錄 is kept, not submitted'),
});

const revision = changhuaVersion({
  id: 'changhua-labor-insurance-revision',
  labelZh: '彰化縣政府使用勞動部勞工保險局業務資料管理規定（修正規定）',
  labelEn: 'Changhua rules as revised (whole county government)',
  dates: {
    effectiveFrom: CHANGHUA_REVISION_EFFECTIVE_FROM,
    effectiveFromBasis: platformDefault(null, 'the 修正對照表 gives no date for the revision', 'our chosen date; see CHANGHUA_REVISION_EFFECTIVE_FROM for why'),
    status: 'in-force',
  },
  scope: rule({ agenciesZh: '本府及所屬機關', agenciesEn: 'The county government and all its agencies' }, 'Changhua 1'),
  forms: { businessRegister: '附表一', adminChange: '附表二', userChange: '附表三', queryRegister: '附表四' },
  itemEligibility: rule(
    { mode: 'business-register-items', items: [], legalBases: [] },
    'Changhua 2, 3',
    'only the business items in the agency’s 業務項目清冊 (legal basis or major policy and plan, agency, business item, purpose), with minimal data',
  ),
  agencyItems: {
    available: rule(true, 'Changhua 2'),
    operations: rule(['add'], 'Changhua 2', 'the rule describes listing business items, not removing them'),
    formKind: 'business-item-register',
    steps: [
      step('UNIT_HEAD', 'own-agency', 'apply', '所屬主管', 'platform default (Changhua 2: 本府及所屬機關申請, no officer named)', {
        source: 'platform-default',
        note: 'the agency files the 業務項目清冊; the platform lets its supervisor (所屬主管, 4(五)) file it',
      }),
      step('TOP_ADMIN', 'top-admin', 'approve', '管理者', 'Changhua 4(二)', { note: '負責勞保WebIR 權限申請之受(管)理' }),
    ],
    requiresLegalBasis: rule(true, 'Changhua 2', '法律依據或重大政策依據及計畫'),
    personalDataAcknowledgement: silent(false, 'Changhua (no provision; cf. 2)'),
  },
  auditor: role('使用機關/單位指定專人', 'Designated officer of the using agency or unit', 'Changhua 8(一)', null, 'each using agency or unit audits itself and sends the record to the admin'),
  sampleAuditOwner: 'AUDITOR',
  resultsReviewedBy: rule('TOP_ADMIN', 'Changhua 8(二)', '查核紀錄送管理者備查'),
});

export const changhuaProfile: RuleProfileInput = {
  city: 'changhua',
  service: 'labor-insurance',
  titleZh: '彰化縣政府使用勞動部勞工保險局業務資料管理規定',
  titleEn: 'Changhua County Government rules on using Bureau of Labor Insurance data',
  sourceDocument: 'changhua-labor-insurance-webir-rules-revision.txt',
  versions: [original, revision],
};
