import type { RuleProfileInput } from '../schema';
import { platformDefault, role, rule, silent, step } from './build';
import {
  IDLE_ACCOUNT_DAYS,
  LOCKOUT_THRESHOLD,
  PASSWORD_COMPLEXITY,
  PASSWORD_MAX_AGE_DAYS,
  PRE_APPROVAL_VALIDITY_HOURS,
} from './platform-defaults';

/**
 * 臺南市 — 臺南市政府應用衛生福利部中央健康保險署資訊作業管理要點.
 * Source: shared/seeds/tainan-health-insurance-webir-rules.txt, with forms 附表一/二 and 附件四.
 */

/**
 * The document carries no date, so this is OUR CHOICE: 2018-02-26. Tainan 2(一)1 grounds queries
 * in 脆弱家庭多元服務 (services for vulnerable families), a service created under the national
 * 強化社會安全網計畫 that the Executive Yuan approved on 2018-02-26; the text as written cannot
 * predate it. As with Taipei we take the earliest date the text can have applied. Replace it with the
 * date of Tainan's issuing 函 when known.
 */
export const TAINAN_EFFECTIVE_FROM = '2018-02-26';

/**
 * Tainan 附表一: an admin application is set up by the next-level admin (上一層級管理者) — the 總管理者
 * for first-level agencies and district offices (4(一)), a first-level agency's admin for its
 * second-level agencies (4(二)3).
 */
const parentAdminAlternative = [
  {
    role: 'AGENCY_ADMIN' as const,
    agency: 'parent-agency' as const,
    when: '二級機關: 由所屬一級機關管理者設定 (a second-level agency’s admin is set up by its first-level agency’s admin)',
    citation: 'Tainan 4(二)3, 5 第二項',
  },
];

const PERSONAL_DATA_NOTICE = '個資保護提醒事項「已閱讀完畢」未勾選者，不予開放權限';

const adminFormSteps = [
  step('AGENCY_ADMIN', 'own-agency', 'apply', '機關管理者', 'Tainan 5 第二項'),
  step('UNIT_HEAD', 'own-unit', 'endorse', '科(室、組)長', 'Tainan 附表一'),
  step('AGENCY_HEAD', 'own-agency', 'endorse', '機關首長', 'Tainan 附表一'),
  step('TOP_ADMIN', 'top-admin', 'set-up', '總管理者', 'Tainan 4(一), 5 第二項', { alternatives: parentAdminAlternative }),
];

export const tainanProfile: RuleProfileInput = {
  city: 'tainan',
  service: 'health-insurance',
  titleZh: '臺南市政府應用衛生福利部中央健康保險署資訊作業管理要點',
  titleEn: 'Tainan City Government rules on using the National Health Insurance Administration information services',
  sourceDocument: 'tainan-health-insurance-webir-rules.txt',
  versions: [
    {
      id: 'tainan-health-insurance-2018',
      labelZh: '臺南市政府應用衛生福利部中央健康保險署資訊作業管理要點',
      labelEn: 'Tainan rules (undated)',
      effectiveFrom: TAINAN_EFFECTIVE_FROM,
      effectiveFromBasis: platformDefault(
        null,
        'Tainan 2(一)1 names 脆弱家庭多元服務; the document has no date',
        'the earliest date the text can have applied (see TAINAN_EFFECTIVE_FROM)',
      ),
      status: 'in-force',
      scope: rule({ agenciesZh: '本府各單位及所屬機關（一級機關、二級機關、區公所）', agenciesEn: 'City government units and their agencies (first- and second-level agencies, district offices)' }, 'Tainan 1, 4(一)'),
      forms: [
        { kind: 'agency-admin-application', number: '附表一', titleZh: '臺南市政府電子化政府資訊中介服務(WebIR)機關管理者申請表', citation: 'Tainan 5 第二項' },
        { kind: 'user-application', number: '附表二', titleZh: '臺南市政府電子化政府資訊中介服務 健保 WebIR 使用者申請表', citation: 'Tainan 5 第三項' },
        { kind: 'query-request', number: '附表三', titleZh: '查詢申請紀錄表', citation: 'Tainan 7(一)', note: 'the form itself is not in the document' },
        { kind: 'audit-record', number: '附件四', titleZh: '應用衛生福利部中央健康保險署資訊稽核紀錄表', citation: 'Tainan 8(二)' },
      ],
      itemEligibility: rule(
        {
          mode: 'any-catalogue-item-with-legal-basis',
          items: [],
          legalBases: [
            { category: 'social', categoryZh: '社政', lawsZh: '兒童及少年福利與權益保障法', purposeZh: '辦理脆弱家庭多元服務相關業務', citation: 'Tainan 2(一)1' },
            { category: 'social', categoryZh: '社政', lawsZh: '老人福利法與老人參加全民健康保險無力負擔費用補助辦法', purposeZh: '辦理老人生活津貼、老人健康保險補助及老人保護相關業務', citation: 'Tainan 2(一)2' },
            { category: 'social', categoryZh: '社政', lawsZh: '社會救助法', purposeZh: '辦理社會救助及社會福利相關業務', citation: 'Tainan 2(一)3' },
            {
              category: 'social',
              categoryZh: '社政',
              lawsZh: '身心障礙者權益保障法、身心障礙者參加社會保險保險費補助辦法與臺南市政府辦理六十五歲以上中度及輕度身心障礙者全民健康保險自付保險費補助作業要點',
              purposeZh: '辦理身心障礙者參加社會保險保險費補助及全民健康保險自付保險費補助相關業務',
              citation: 'Tainan 2(一)4',
            },
            { category: 'police', categoryZh: '警政', lawsZh: '刑事訴訟法', purposeZh: '辦理警政相關業務', citation: 'Tainan 2(二)' },
            { category: 'traffic', categoryZh: '交通', lawsZh: '道路交通管理處罰條例', purposeZh: '辦理交通違規罰鍰移送強制執行相關業務', citation: 'Tainan 2(三)' },
            { category: 'health', categoryZh: '衛生', lawsZh: '傳染病防治法', purposeZh: '辦理各類傳染病防治相關業務', citation: 'Tainan 2(四)1' },
            { category: 'health', categoryZh: '衛生', lawsZh: '家庭暴力防治法', purposeZh: '辦理家庭暴力加害人處遇相關業務', citation: 'Tainan 2(四)2' },
            {
              category: 'health',
              categoryZh: '衛生',
              lawsZh: '精神衛生法、性侵害犯罪防治法、兒童及少年福利與權益保障法及醫療法',
              purposeZh: '辦理社區精神個案追蹤關懷、性侵害犯罪加害人身心治療輔導及弱勢關懷業務',
              citation: 'Tainan 2(四)3',
            },
            { category: 'health', categoryZh: '衛生', lawsZh: '口腔健康法', purposeZh: '辦理口腔保健相關業務', citation: 'Tainan 2(四)4' },
            { category: 'health', categoryZh: '衛生', lawsZh: '藥事法、管制藥品管理條例及藥師法', purposeZh: '辦理藥事調劑相關業務', citation: 'Tainan 2(四)5' },
            { category: 'other', categoryZh: '其他', lawsZh: null, purposeZh: '其他因執行法定職務而有使用健保資訊之必要者', citation: 'Tainan 2(五)' },
          ],
        },
        'Tainan 2',
      ),
      roles: {
        TOP_ADMIN: role('總管理者', 'Chief administrator', 'Tainan 3, 4(一)', '本府衛生局', 'manages first-level agencies’ and district offices’ admins'),
        REVIEWING_OFFICER: role('本府衛生局', 'Department of Health', 'Tainan 5 第四項, 8 第三項', '本府衛生局', 'audits the application forms and spot-checks agencies irregularly'),
        AGENCY_ADMIN: role('機關管理者', 'Agency administrator', 'Tainan 3, 4(二)', null, 'a first-level agency’s admin also manages its second-level agencies’ admins (4(二)3)'),
        UNIT_ADMIN: role('業務主管', 'Business supervisor', 'Tainan 8(一)', null, 'spot-checks the usage records monthly'),
        CASEWORKER: role('使用者', 'User', 'Tainan 5 第三項, 7'),
        AUDITOR: role('各機關指定專人', 'Officer designated by the agency', 'Tainan 8 第一項'),
        ETHICS_OFFICER: role('政風單位', 'Ethics unit', 'Tainan 8(二)'),
        IT_OFFICER: role('資訊單位', 'IT unit', 'Tainan 8(二)'),
        AGENCY_HEAD: role('機關首長', 'Agency head', 'Tainan 附表一, 附表二'),
        UNIT_HEAD: role('科(室、組)長', 'Section head', 'Tainan 7(一), 附表一, 附表二', null, 'signs applications; as 所屬主管 approves each query request'),
        BUREAU_OFFICER: role('衛生福利部中央健康保險署', 'National Health Insurance Administration', 'Tainan 8(四)', '衛生福利部中央健康保險署'),
      },
      applications: {
        'agency-admin-account': {
          available: rule(true, 'Tainan 5 第二項'),
          operations: rule(['new', 'change'], 'Tainan 附表一', '新帳號申請開放權限 / 業務及權限調整'),
          formKind: 'agency-admin-application',
          steps: adminFormSteps,
          requiresLegalBasis: silent(false, 'Tainan (no provision; cf. 附表一)', 'the form asks for a detailed reason (申請事由), not a legal basis'),
          personalDataAcknowledgement: rule(true, 'Tainan 附表一', PERSONAL_DATA_NOTICE),
        },
        'user-account': {
          available: rule(true, 'Tainan 5 第三項'),
          operations: rule(['new', 'change', 'delete'], 'Tainan 附表二, 4(二)1', 'new account or adjustment with items 新增/刪除 (附表二); duplicate, idle, moved, departed and retired accounts are revoked (4(二)1)'),
          formKind: 'user-application',
          steps: [
            step('CASEWORKER', 'own-unit', 'apply', '使用者', 'Tainan 5 第三項'),
            step('UNIT_HEAD', 'own-unit', 'endorse', '科(室、組)長', 'Tainan 附表二'),
            step('AGENCY_HEAD', 'own-agency', 'endorse', '機關首長', 'Tainan 附表二'),
            step('AGENCY_ADMIN', 'own-agency', 'set-up', '機關管理者', 'Tainan 5 第三項, 附表二'),
          ],
          requiresLegalBasis: silent(false, 'Tainan (no provision; cf. 附表二)', 'the form asks for a detailed reason (申請事由); the agency’s legal basis is checked when the agency is linked (2)'),
          personalDataAcknowledgement: rule(true, 'Tainan 附表二', PERSONAL_DATA_NOTICE),
        },
        'agency-items': {
          available: rule(true, 'Tainan 附表一', 'the agency’s link to 健保署 WebIR is requested on the admin form (申請內容: 健保署 WebIR 新增/刪除); individual items are granted to users on 附表二'),
          operations: rule(['add', 'remove'], 'Tainan 附表一, 2 第二項', 'a link no longer needed is terminated (終止連結)'),
          formKind: 'agency-admin-application',
          steps: adminFormSteps,
          requiresLegalBasis: rule(true, 'Tainan 2', 'one of the listed legal bases and purposes'),
          personalDataAcknowledgement: rule(true, 'Tainan 附表一', PERSONAL_DATA_NOTICE),
        },
      },
      commissionedAgencyConsent: silent({ required: false, consentBy: null }, 'Tainan (no provision)'),
      login: {
        prerequisites: rule(['myegov-official-account', 'citizen-certificate-uploaded'], 'Tainan 6 第一項', 'the certificate’s identity type must be civil servant (附表一/二 說明1)'),
        certificateRequired: rule(true, 'Tainan 6 第二項', '應以本人之自然人憑證登入系統'),
        certificateAllowed: rule(true, 'Tainan 6 第二項'),
        passwordAllowed: rule(true, 'Tainan 6 第三項', 'a password still exists, set to the system’s length and complexity and changed periodically; it does not replace the certificate'),
        passwordMaxAgeDays: platformDefault(PASSWORD_MAX_AGE_DAYS, 'Tainan 6 第三項: 定期更改, no interval', 'three months, as Taoyuan 7'),
        passwordComplexity: platformDefault(PASSWORD_COMPLEXITY, 'Tainan 6 第三項 defers to 系統規定之長度及複雜度', 'the platform is the system here'),
        lockoutThreshold: platformDefault(LOCKOUT_THRESHOLD, 'Tainan sets no lockout', 'failed logins before the account locks'),
        idleAccountDays: platformDefault(IDLE_ACCOUNT_DAYS, 'Tainan 4(二)1: 閒置, no period', 'the account review treats accounts unused this long as idle'),
        accountSharingForbidden: rule(true, 'Tainan 6 第二項', '不得外借他人或與他人共用帳號'),
      },
      accounts: {
        revokeOnDutyChange: rule({ deadline: 'at-periodic-review' }, 'Tainan 4(二)1', 'moved, departed and retired users’ accounts are revoked at the periodic account review; no deadline'),
        adminHandover: rule({ newAccountBeforeOldStopped: false, handOver: ['user-roster', 'query-records'] }, 'Tainan 4(二)2', '使用者名冊及查詢紀錄文件資料，列冊移交新管理者'),
        accountReviewChecks: rule(['duplicate', 'idle', 'role-changed', 'departed', 'retired'], 'Tainan 4(二)1', '重複、閒置、職務調整、離職及退休者帳號'),
      },
      queries: {
        supervisorPreApproval: rule(true, 'Tainan 7(一)', '填具查詢申請紀錄表（附表三），並經所屬主管核可後始得查詢'),
        preApprovalValidityHours: platformDefault(PRE_APPROVAL_VALIDITY_HOURS, 'Tainan 7(一) sets no validity', 'an approval not used within three days lapses'),
        legalBasisOrConsentPerQuery: silent(false, 'Tainan (no provision; cf. 7(二))', 'use must fit the original purpose (符合原申請目的)'),
        registerFormKind: 'query-request',
        registerFields: rule(['supervisor-approval'], 'Tainan 7(一)', 'the 附表三 form’s fields are not in the document'),
        proxyQueries: platformDefault(
          { allowed: false, writtenAuthorisationRequired: false, formKind: null },
          'Tainan has no proxy-query provision',
          '6 第二項 forbids lending or sharing accounts',
        ),
        officeHoursOnly: silent(false, 'Tainan (no provision)'),
        officeHours: silent(null, 'Tainan (no provision)'),
        officeNetworkOnly: silent(false, 'Tainan (no provision)'),
        outsourcedVendorsBarred: platformDefault(true, 'only Taipei 5(五) states it', 'the platform never grants vendor staff access (domain brief)'),
      },
      obligations: [
        {
          id: 'yearly-link-need-review',
          kind: 'link-need-review',
          cadence: 'yearly',
          dueRule: { type: 'end-of-period' },
          owner: 'AGENCY_ADMIN',
          description: 'Review whether the agency still needs health-insurance data; if not, terminate the link',
          citation: 'Tainan 2 第二項',
        },
        {
          id: 'quarterly-records-review',
          kind: 'records-review',
          cadence: 'quarterly',
          dueRule: { type: 'end-of-period' },
          owner: 'AUDITOR',
          description: 'Review each unit’s users’ query records and usage, and compile the usage records (每季)',
          citation: 'Tainan 8(一)',
        },
        {
          id: 'monthly-spot-check',
          kind: 'sample-audit',
          cadence: 'monthly',
          dueRule: { type: 'end-of-period' },
          owner: 'UNIT_ADMIN',
          description: 'Spot-check the usage records: at least 3% and at least 10 rows a month; all if fewer than 10',
          citation: 'Tainan 8(一)',
        },
        {
          id: 'half-yearly-internal-audit',
          kind: 'internal-audit',
          cadence: 'half-yearly',
          dueRule: { type: 'end-of-period' },
          owner: 'AUDITOR',
          description: 'Internal audit (每半年)',
          citation: 'Tainan 8(三)',
        },
        {
          id: 'yearly-subordinate-audit',
          kind: 'subordinate-audit',
          cadence: 'yearly',
          dueRule: { type: 'end-of-period' },
          owner: 'AUDITOR',
          description: 'Audit subordinate agencies’ use of 健保 WebIR (每年)',
          citation: 'Tainan 8(三)',
        },
        {
          id: 'account-review',
          kind: 'account-review',
          cadence: 'yearly',
          dueRule: { type: 'end-of-period' },
          owner: 'AGENCY_ADMIN',
          description: 'Review accounts, build the user roster, revoke duplicate, idle, moved, departed and retired users’ accounts',
          citation: 'platform default (Tainan 4(二)1: 定期, no interval)',
          source: 'platform-default',
          note: 'the rule says periodically; the platform schedules it yearly, like Changhua 6(一)',
        },
        {
          id: 'joint-investigation',
          kind: 'anomaly-investigation',
          cadence: 'event',
          dueRule: { type: 'upon-event', event: 'anomaly-found' },
          owner: 'UNIT_HEAD',
          description: 'The business unit investigates an anomalous query with the ethics and IT units and fills in the audit record (附件四)',
          citation: 'Tainan 8(二)',
        },
      ],
      audits: {
        sampling: rule(
          { period: 'month', unit: 'query-row', percent: 3, minimum: 10, maximum: null, allIfFewerThan: 10, rounding: 'up' },
          'Tainan 8(一)',
          '每月抽查比率至少為百分之三，每月抽查筆數不得少於十筆；查詢總筆數少於十筆者，應全數查核; a rate "at least" 3% is met by rounding up',
        ),
        checklist: rule(
          {
            formKind: 'audit-record',
            items: [
              { id: 'permission-applications', textZh: '是否依規定辦理權限申請。', textEn: 'Are permissions applied for as the rules require?', verbatim: true, citation: 'Tainan 附件四' },
              { id: 'approved-user-roster', textZh: '是否依規定建立核准使用者名冊。', textEn: 'Is a roster of approved users kept as the rules require?', verbatim: true, citation: 'Tainan 附件四' },
              {
                id: 'revoke-on-duty-change',
                textZh: '使用者職務異動，是否依規定終止帳號使用權限。',
                textEn: 'When a user’s duties change, is their account access terminated as the rules require?',
                verbatim: true,
                citation: 'Tainan 附件四',
              },
              {
                id: 'lawful-purpose-necessity',
                textZh: '定期稽核系統查詢資料使用範圍、使用頻率及使用欄位是否均合法目的之必要性。',
                textEn: 'Periodic audit: are the scope, frequency and fields of system queries all necessary for a lawful purpose?',
                verbatim: true,
                citation: 'Tainan 附件四',
              },
              {
                id: 'security-measures',
                textZh: '處理個人資料之安全維護措施及資料安全管制作業。',
                textEn: 'Security safeguards for processing personal data, and data-security controls.',
                verbatim: true,
                citation: 'Tainan 附件四',
              },
            ],
            resultOptionsZh: ['符合', '不符'],
            extraFields: [
              { zh: '辦理情形說明', en: 'Explanation of how each item is handled' },
              { zh: '上次稽核結果', en: 'Result of the previous audit (no non-conformities / improvements made)' },
              { zh: '稽核結果及建議', en: 'Audit result and recommendations' },
            ],
          },
          'Tainan 附件四',
        ),
        anomalyTeam: rule(
          { members: ['UNIT_HEAD', 'ETHICS_OFFICER', 'IT_OFFICER'], triggerZh: '發現查詢異常現象', outputZh: '稽核紀錄（附件四）' },
          'Tainan 8(二)',
          '業務單位應會同政風單位及資訊單位共同調查',
        ),
        anomalyActions: rule(['joint-audit', 'audit-record', 'notify-agency'], 'Tainan 8(二), 8 第三項', 'the Department of Health notifies the agency where an anomaly occurred'),
        resultsReviewedBy: silent(null, 'Tainan (no provision; cf. 8)'),
        externalAuditors: rule(['reviewing-agency', 'bureau'], 'Tainan 8 第三項, 8(四)', 'the Department of Health irregularly; 健保署 when it audits'),
      },
      retention: rule(
        [
          { recordKind: 'account-application', minimumYears: 1, startsAt: 'record-date', citation: 'Tainan 5 第四項', note: '附表一/二 應保存一年以上' },
          { recordKind: 'query-request', minimumYears: 5, startsAt: 'record-date', citation: 'Tainan 7 第二項', note: '附表三 應留存五年' },
          { recordKind: 'audit-record', minimumYears: 3, startsAt: 'record-date', citation: 'Tainan 8 第二項', note: '查核及稽核紀錄應保存三年' },
        ],
        'Tainan 5, 7, 8',
      ),
      destruction: {
        printouts: rule(
          {
            fileWithCaseWhenNeeded: true,
            whenNoLongerNeeded: 'destroy-immediately-or-periodically',
            holdMonthsAfterQuery: null,
            destroyWithinMonths: null,
            methodZh: '紙本文件應銷毀至無法辨識；電子檔應確實刪除',
          },
          'Tainan 7(六), 7(七)',
          'paper kept with the case as confidential (密件); destroyed immediately or periodically after use',
        ),
        electronicCopies: rule('access-controlled', 'Tainan 7(六)', '電子檔應有存取權限控管'),
        copyingForbidden: rule(true, 'Tainan 7(二)', '不得任意複印或複製'),
      },
    },
  ],
};
