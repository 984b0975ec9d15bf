import type { RuleProfileInput } from '../schema';
import { noRole, platformDefault, role, rule, silent, step } from './build';
import { IDLE_ACCOUNT_DAYS, LOCKOUT_THRESHOLD, PASSWORD_COMPLEXITY } from './platform-defaults';

/**
 * 桃園市 — 桃園市政府應用勞動部勞工保險局資訊作業管理要點.
 * Source: shared/seeds/taoyuan-labor-insurance-webir-rules.txt.
 */

/** 105年3月28日府研資字第1050070217號函頒訂; the 函 names no later start, so the rules apply from that day. */
export const TAOYUAN_EFFECTIVE_FROM = '2016-03-28';

/** For district offices (公所) the 業務主管機關 reviews instead of the 資料庫管理機關 (Taoyuan 9; 附表一/三 審核機關). */
const districtOfficeReviewer = (citation: string) => [
  {
    role: 'REVIEWING_OFFICER' as const,
    agency: 'commissioning-agency' as const,
    when: '公所: 由業務主管機關審核 (district offices are reviewed by the commissioning 業務主管機關)',
    citation,
  },
];

export const taoyuanProfile: RuleProfileInput = {
  city: 'taoyuan',
  service: 'labor-insurance',
  titleZh: '桃園市政府應用勞動部勞工保險局資訊作業管理要點',
  titleEn: 'Taoyuan City Government rules on using the Bureau of Labor Insurance information services',
  sourceDocument: 'taoyuan-labor-insurance-webir-rules.txt',
  versions: [
    {
      id: 'taoyuan-labor-insurance-2016',
      labelZh: '桃園市政府應用勞動部勞工保險局資訊作業管理要點（105年3月28日頒訂）',
      labelEn: 'Taoyuan rules of 2016-03-28',
      effectiveFrom: TAOYUAN_EFFECTIVE_FROM,
      effectiveFromBasis: rule(null, 'Taoyuan 頒訂', '105年3月28日府研資字第1050070217號函頒訂'),
      status: 'in-force',
      scope: rule(
        {
          agenciesZh: '本府各機關(構)、桃園市復興區公所及經資料庫管理機關核准同意使用者',
          agenciesEn: 'City government agencies, the Fuxing District Office, and users the database agency approves',
        },
        'Taoyuan 2',
      ),
      forms: [
        { kind: 'agency-admin-application', number: '附表一', titleZh: '勞保局資訊中介服務查調機關管理者帳號申請表', citation: 'Taoyuan 5(一)1' },
        { kind: 'user-application', number: '附表二', titleZh: '勞保局資訊中介服務查調業務承辦者申請表', citation: 'Taoyuan 5(二)1' },
        { kind: 'agency-items-application', number: '附表三', titleZh: '勞保局資訊中介服務查調項目增減表', citation: 'Taoyuan 6(二)' },
      ],
      itemEligibility: rule(
        { mode: 'any-catalogue-item-with-legal-basis', items: [], legalBases: [] },
        'Taoyuan 6(二)',
        'any of the 19 items, applied for with the authorising legal provisions attached (檢附相關授權法令規定)',
      ),
      roles: {
        TOP_ADMIN: role('最高管理機關', 'Top administering agency', 'Taoyuan 3(一), 4(一)', '本府資訊中心', 'single window to the bureau; opens agencies, maintains agency-admin accounts, applies for items'),
        REVIEWING_OFFICER: role('資料庫管理機關', 'Database administering agency', 'Taoyuan 3(二), 4(二)', '本府勞動局', 'reviews admin and item applications; audits; for district offices the commissioning 業務主管機關 acts instead (9)'),
        AGENCY_ADMIN: role('機關管理者', 'Agency administrator', 'Taoyuan 3(四), 4(四)'),
        UNIT_ADMIN: noRole('Taoyuan (no provision)'),
        CASEWORKER: role('業務承辦者', 'Caseworker', 'Taoyuan 3(五), 4(五)'),
        AUDITOR: noRole('Taoyuan (no provision; cf. 8(一))', 'no audit team: the agency admin audits monthly (8(一)1) and the agency audits account validity (8(一)2)'),
        ETHICS_OFFICER: noRole('Taoyuan (no provision)'),
        IT_OFFICER: noRole('Taoyuan (no provision)', 'the IT centre is the top administering agency, not an audit member'),
        AGENCY_HEAD: role('機關首長', 'Agency head', 'Taoyuan 4(四)5, 5(一)1, 5(二)1'),
        UNIT_HEAD: role('單位主管', 'Unit head', 'Taoyuan 附表一, 附表二, 附表三', null, 'signs (核章) every application form'),
        BUREAU_OFFICER: role('勞保局', 'Bureau of Labor Insurance', 'Taoyuan 4(一)3, 8(二)1', '勞動部勞工保險局'),
      },
      applications: {
        'agency-admin-account': {
          available: rule(true, 'Taoyuan 5(一)'),
          operations: rule(['new', 'change'], 'Taoyuan 附表一', '申請型態: 機關管理者人員新增 / 異動; each agency and district office has one admin'),
          formKind: 'agency-admin-application',
          steps: [
            step('AGENCY_ADMIN', 'own-agency', 'apply', '機關管理者', 'Taoyuan 5(一)1', { note: 'after an e-government official account and certificate upload (5(一)2)' }),
            step('UNIT_HEAD', 'own-unit', 'endorse', '單位主管', 'Taoyuan 附表一'),
            step('AGENCY_HEAD', 'own-agency', 'endorse', '機關首長', 'Taoyuan 5(一)1'),
            step('REVIEWING_OFFICER', 'reviewing-agency', 'approve', '資料庫管理機關', 'Taoyuan 4(二)1, 5(一)1', {
              alternatives: districtOfficeReviewer('Taoyuan 9, 附表一'),
            }),
            step('TOP_ADMIN', 'top-admin', 'set-up', '最高管理機關', 'Taoyuan 4(一)2, 5(一)1'),
          ],
          requiresLegalBasis: silent(false, 'Taoyuan (no provision; cf. 5(一))'),
          personalDataAcknowledgement: silent(false, 'Taoyuan (no provision; cf. 附表一)'),
        },
        'user-account': {
          available: rule(true, 'Taoyuan 5(二)'),
          operations: rule(['new', 'change', 'delete'], 'Taoyuan 附表二', '申請型態: 業務承辦者 新增 / 異動 / 刪除; a change alters the user’s items'),
          formKind: 'user-application',
          steps: [
            step('CASEWORKER', 'own-unit', 'apply', '業務承辦者', 'Taoyuan 5(二)1, 6(一)'),
            step('UNIT_HEAD', 'own-unit', 'endorse', '單位主管', 'Taoyuan 附表二'),
            step('AGENCY_HEAD', 'own-agency', 'endorse', '機關首長', 'Taoyuan 5(二)1, 6(一)'),
            step('AGENCY_ADMIN', 'own-agency', 'set-up', '機關管理者', 'Taoyuan 4(四)1, 5(二)1', { note: '最高管理機關不協助開設業務承辦者帳號 (附表二 注意事項)' }),
          ],
          requiresLegalBasis: silent(false, 'Taoyuan (no provision; cf. 4(五)2)', 'the legal basis (or consent) is required per query instead'),
          personalDataAcknowledgement: silent(false, 'Taoyuan (no provision; cf. 附表二)'),
        },
        'agency-items': {
          available: rule(true, 'Taoyuan 6(二)'),
          operations: rule(['add', 'remove'], 'Taoyuan 附表三', '新增 / 刪除勞保局中介服務查調資料項目'),
          formKind: 'agency-items-application',
          steps: [
            step('AGENCY_ADMIN', 'own-agency', 'apply', '機關管理者', 'Taoyuan 4(四)4, 6(二)'),
            step('UNIT_HEAD', 'own-unit', 'endorse', '單位主管', 'Taoyuan 附表三'),
            step('AGENCY_HEAD', 'own-agency', 'endorse', '機關首長', 'Taoyuan 附表三'),
            step('REVIEWING_OFFICER', 'reviewing-agency', 'approve', '資料庫管理機關', 'Taoyuan 4(二)2, 6(二)', {
              alternatives: districtOfficeReviewer('Taoyuan 9, 附表三'),
            }),
            step('TOP_ADMIN', 'top-admin', 'apply-to-bureau', '最高管理機關', 'Taoyuan 4(一)3, 6(二)'),
            step('BUREAU_OFFICER', 'bureau', 'approve', '勞動部勞工保險局', 'Taoyuan 6(二), 附表三'),
            step('TOP_ADMIN', 'top-admin', 'set-up', '最高管理機關', 'Taoyuan 6(二)', { note: '依勞保局審核結果新增或異動' }),
          ],
          requiresLegalBasis: rule(true, 'Taoyuan 6(二)', '檢附相關授權法令規定'),
          personalDataAcknowledgement: silent(false, 'Taoyuan (no provision; cf. 附表三)'),
        },
      },
      commissionedAgencyConsent: rule(
        { required: true, consentBy: 'commissioning-agency' },
        'Taoyuan 9',
        'the 業務主管機關 that commissions a district office takes the reviewing agency’s duties (4(二)) for it and reviews its applications',
      ),
      login: {
        prerequisites: rule(['myegov-official-account', 'citizen-certificate-uploaded'], 'Taoyuan 5(一)2, 5(二)2'),
        certificateRequired: silent(false, 'Taoyuan (no provision; cf. 5(一)2)', 'the certificate must be uploaded before an account opens, but logging in with it is not required'),
        certificateAllowed: rule(true, 'Taoyuan 5(一)2'),
        passwordAllowed: rule(true, 'Taoyuan 7'),
        passwordMaxAgeDays: rule(90, 'Taoyuan 7', '至少應每三個月變更一次: three months, taken as 90 days so it never exceeds three calendar months'),
        passwordComplexity: platformDefault(PASSWORD_COMPLEXITY, 'Taoyuan 7 defers to the e 政府公務帳號密碼設置規定, not in the document', 'the platform’s password policy'),
        lockoutThreshold: platformDefault(LOCKOUT_THRESHOLD, 'Taoyuan sets no lockout', 'failed logins before the account locks'),
        idleAccountDays: platformDefault(IDLE_ACCOUNT_DAYS, 'Taoyuan 8(一)2: 帳號有效性, no idle period', 'used by the account-validity review'),
        accountSharingForbidden: platformDefault(true, 'Taoyuan 7 only requires personal passwords to be kept safe', 'accounts are personal (個人密碼); the platform forbids sharing everywhere'),
      },
      accounts: {
        revokeOnDutyChange: silent({ deadline: 'not-specified' }, 'Taoyuan (no provision; cf. 4(四)2)', 'the agency admin maintains (adds, deletes, changes) caseworker accounts, with no deadline'),
        adminHandover: silent(null, 'Taoyuan (no provision; cf. 附表一)', 'a change of admin is an application on 附表一 naming the previous admin'),
        accountReviewChecks: rule(['validity'], 'Taoyuan 4(三)1, 8(一)2', '帳號有效性、查調正當性'),
      },
      queries: {
        supervisorPreApproval: silent(false, 'Taoyuan (no provision; cf. 4(五))'),
        preApprovalValidityHours: silent(null, 'Taoyuan (no provision; cf. 4(五))'),
        legalBasisOrConsentPerQuery: rule(true, 'Taoyuan 4(五)2', '需有法令依據或取得洽公民眾簽署同意並確認查調內容'),
        registerFormKind: null,
        registerFields: rule(['legal-basis-or-consent'], 'Taoyuan 4(五)2, 4(五)3', 'users hand in their system-use and query-content records monthly; the record’s other fields are not specified'),
        proxyQueries: platformDefault(
          { allowed: false, writtenAuthorisationRequired: false, formKind: null },
          'Taoyuan has no proxy-query provision',
          'every query is made by the account holder within their own permissions (4(五)1)',
        ),
        officeHoursOnly: silent(false, 'Taoyuan (no provision)'),
        officeHours: silent(null, 'Taoyuan (no provision)'),
        officeNetworkOnly: silent(false, 'Taoyuan (no provision)'),
        outsourcedVendorsBarred: platformDefault(true, 'only Taipei 5(五) states it', 'the platform never grants vendor staff access (domain brief); Taoyuan’s users are agency staff (3(五))'),
      },
      obligations: [
        {
          id: 'hand-in-monthly-records',
          kind: 'register-hand-in',
          cadence: 'monthly',
          dueRule: { type: 'day-of-following-month', day: 10 },
          owner: 'CASEWORKER',
          description: 'Hand last month’s system-use and query-content records to the agency admin (每月十日前)',
          citation: 'Taoyuan 4(五)3',
        },
        {
          id: 'monthly-admin-check',
          kind: 'register-check',
          cadence: 'monthly',
          dueRule: { type: 'day-of-following-month', day: 10 },
          owner: 'AGENCY_ADMIN',
          description: 'Audit last month’s caseworker usage report and submit the result to the agency head (每月十日前)',
          citation: 'Taoyuan 8(一)1, 4(四)5',
        },
        {
          id: 'account-validity-audit',
          kind: 'account-review',
          cadence: 'yearly',
          dueRule: { type: 'end-of-period' },
          owner: 'AGENCY_ADMIN',
          description: 'Audit each caseworker’s account validity and the legitimacy of their queries',
          citation: 'platform default (Taoyuan 8(一)2, 4(三)1: 定期, no interval)',
          source: 'platform-default',
          note: 'the rule says periodically; the platform schedules it yearly, like the other cities’ account reviews',
        },
        {
          id: 'on-site-audit',
          kind: 'on-site-audit',
          cadence: 'yearly',
          dueRule: { type: 'end-of-period' },
          owner: 'REVIEWING_OFFICER',
          description: 'On-site audit of each using agency by the database administering agency, at least once a year',
          citation: 'Taoyuan 8(二)2',
        },
        {
          id: 'report-anomaly',
          kind: 'anomaly-investigation',
          cadence: 'event',
          dueRule: { type: 'upon-event', event: 'anomaly-found' },
          owner: 'AGENCY_ADMIN',
          description: 'Investigate an anomaly at once and report it to the agency head (立即查明並呈報機關首長)',
          citation: 'Taoyuan 4(四)5',
        },
      ],
      audits: {
        sampling: silent(null, 'Taoyuan (no provision; cf. 8(一)1)', 'the admin checks the whole month’s usage report'),
        checklist: rule(
          {
            formKind: null,
            items: [
              {
                id: 'proper-use',
                textZh: '資料是否正常使用：包括資料正確性、正當性(業務特定目的範圍內使用)、查驗使用內容等',
                textEn: 'Is the data used properly: correctness, legitimacy (use within the specific business purpose), inspection of what was used',
                verbatim: true,
                citation: 'Taoyuan 8 第二項(一)',
              },
              {
                id: 'confidentiality',
                textZh: '資料是否保密：包括影印資料之存放等',
                textEn: 'Is the data kept confidential, including where photocopies are stored',
                verbatim: true,
                citation: 'Taoyuan 8 第二項(二)',
              },
              {
                id: 'account-validity-and-legitimacy',
                textZh: '帳號有效性、查調正當性',
                textEn: 'Are accounts valid and queries legitimate?',
                verbatim: true,
                citation: 'Taoyuan 8(一)2',
              },
            ],
            resultOptionsZh: [],
            extraFields: [],
          },
          'Taoyuan 8 第二項',
          'the content both periodic and irregular audits must cover',
        ),
        anomalyTeam: rule(
          { members: ['AGENCY_ADMIN'], triggerZh: '系統使用紀錄及查調內容紀錄異常', outputZh: '查明並呈報機關首長' },
          'Taoyuan 4(四)5',
          'no joint team: the agency admin investigates and reports to the agency head',
        ),
        anomalyActions: rule(['report-to-agency-head', 'reward-penalty-proposal'], 'Taoyuan 4(四)5, 8 第三項', 'after an irregular audit the reviewing agency may propose rewards or penalties'),
        resultsReviewedBy: rule('AGENCY_HEAD', 'Taoyuan 8(一)1', '機關首長或其授權人員核閱'),
        externalAuditors: rule(['bureau', 'top-admin', 'reviewing-agency'], 'Taoyuan 8(二)', '勞保局 and the top agency audit irregularly; the reviewing agency on site yearly'),
      },
      retention: silent([], 'Taoyuan (no provision; cf. 4(五)1)', 'no retention periods; printouts are filed with the case and destroyed per the archive retention schedule'),
      destruction: {
        printouts: rule(
          { fileWithCaseWhenNeeded: true, whenNoLongerNeeded: 'destroy-per-archive-schedule', holdMonthsAfterQuery: null, destroyWithinMonths: null, methodZh: null },
          'Taoyuan 4(五)1, 10',
          '列印資料應隨文歸檔及依檔案保存期限銷毀',
        ),
        electronicCopies: silent('not-addressed', 'Taoyuan (no provision; cf. 4(五)1)'),
        copyingForbidden: rule(true, 'Taoyuan 4(五)1', '不得任意複製'),
      },
    },
  ],
};
