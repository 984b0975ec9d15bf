import type { RuleProfileInput } from '../schema';
import { noRole, platformDefault, role, rule, silent, step } from './build';
import {
  IDLE_ACCOUNT_DAYS,
  LOCKOUT_THRESHOLD,
  PASSWORD_COMPLEXITY,
  PASSWORD_MAX_AGE_DAYS,
  TAIPEI_OFFICE_HOURS,
} from './platform-defaults';

/**
 * 臺北市 — (廢)臺北市政府所屬各機關使用勞動部勞工保險局資訊作業系統管理要點.
 * Source: shared/seeds/taipei-labor-insurance-webir-rules-repealed-2021.txt.
 */

/**
 * The document gives only the repeal (修正日期 民國110年01月14日), not when the rules were first
 * issued. Their text names 勞動部勞工保險局; 勞動部 (and with it that name of the bureau) was
 * established on 2014-02-17, so this text cannot have applied earlier. We use that date: it is the
 * earliest the text as written can have been in force, and no record from before it is judged by it.
 * Replace it if Taipei's 法規 database gives the issuing 函's date.
 */
export const TAIPEI_EFFECTIVE_FROM = '2014-02-17';

/** 中華民國110年1月14日 府授勞秘字第1106051442號函 自即日起停止適用: no longer applies from that day. */
export const TAIPEI_REPEALED_ON = '2021-01-14';

export const taipeiProfile: RuleProfileInput = {
  city: 'taipei',
  service: 'labor-insurance',
  titleZh: '(廢)臺北市政府所屬各機關使用勞動部勞工保險局資訊作業系統管理要點',
  titleEn: 'Taipei City Government rules on its agencies’ use of the Bureau of Labor Insurance information system (repealed)',
  sourceDocument: 'taipei-labor-insurance-webir-rules-repealed-2021.txt',
  versions: [
    {
      id: 'taipei-labor-insurance-2014',
      labelZh: '臺北市政府所屬各機關使用勞動部勞工保險局資訊作業系統管理要點',
      labelEn: 'Taipei rules as last in force (repealed 2021-01-14)',
      effectiveFrom: TAIPEI_EFFECTIVE_FROM,
      effectiveFromBasis: platformDefault(
        null,
        'Taipei 1 names 勞動部勞工保險局; the document has no issue date',
        '勞動部 was established on 2014-02-17, the earliest day this text can have applied (see TAIPEI_EFFECTIVE_FROM)',
      ),
      effectiveUntil: TAIPEI_REPEALED_ON,
      effectiveUntilBasis: rule(null, 'Taipei 沿革', '110年1月14日 府授勞秘字第1106051442號函 自即日起停止適用'),
      status: 'repealed',
      repeal: {
        date: TAIPEI_REPEALED_ON,
        instrumentZh: '中華民國110年1月14日臺北市政府(110)府授勞秘字第1106051442號函自即日起停止適用',
        citation: 'Taipei 沿革',
      },
      scope: rule(
        { agenciesZh: '本府各機關（含受委託機關，如區公所）', agenciesEn: 'All agencies of the city government, and agencies they commission (e.g. district offices)' },
        'Taipei 1, 4',
      ),
      forms: [
        { kind: 'agency-admin-application', number: '附件1-1', titleZh: '臺北市政府使用勞保局 WebIR 申請表（機關管理者版）', citation: 'Taipei 5(一)' },
        { kind: 'user-application', number: '附件1-2', titleZh: '臺北市政府使用勞保局 WebIR 申請表（使用者版）', citation: 'Taipei 5(三)' },
        { kind: 'query-register', number: '附件2', titleZh: '勞保局 WebIR 查詢資料登記簿', citation: 'Taipei 6(一)' },
        { kind: 'proxy-authorisation', number: '附件3', titleZh: '勞保資料代查授權書', citation: 'Taipei 6(二)' },
        { kind: 'audit-checklist', number: '附件4', titleZh: '臺北市政府使用勞保局 WebIR 系統查核項目表', citation: 'Taipei 8(一)4' },
      ],
      itemEligibility: rule(
        { mode: 'any-catalogue-item-with-legal-basis', items: [], legalBases: [] },
        'Taipei 3, 5(一)',
        'within the business purposes approved by 勞保局 (勞保局所核定之業務目的), with the legal basis stated in the application',
      ),
      roles: {
        TOP_ADMIN: role('總管理者', 'Chief administrator', 'Taipei 2', '總管理機關 勞動局', 'an IT officer the Department of Labor appoints; authorises and manages the agency admins'),
        REVIEWING_OFFICER: role('總管理機關', 'Governing agency (Department of Labor)', 'Taipei 2', '勞動局', 'reviews applicants’ business items; its IT and ethics units form the 總稽核小組 for irregular audits'),
        AGENCY_ADMIN: role('使用機關管理者', 'Using-agency administrator', 'Taipei 3'),
        UNIT_ADMIN: role('使用單位管理者', 'Using-unit administrator', 'Taipei 3 第二項', null, 'reconciles the query register with the system’s query counts each month'),
        CASEWORKER: role('使用者', 'User', 'Taipei 5(三)'),
        AUDITOR: role('使用機關稽核小組', 'Using-agency audit team', 'Taipei 3 第三項', null, 'formed by the agency’s IT and ethics units'),
        ETHICS_OFFICER: role('政風單位', 'Ethics unit', 'Taipei 3 第三項'),
        IT_OFFICER: role('資訊單位', 'IT unit', 'Taipei 3 第三項'),
        AGENCY_HEAD: role('機關首長', 'Agency head', 'Taipei 8(一)4'),
        UNIT_HEAD: noRole('Taipei (no provision; cf. 5(三))', 'users apply straight to the agency admin; the forms 附件1-1/1-2 are not in the document'),
        BUREAU_OFFICER: role('勞保局', 'Bureau of Labor Insurance', 'Taipei 2 第二項, 8(一)5', '勞動部勞工保險局'),
      },
      applications: {
        'agency-admin-account': {
          available: rule(true, 'Taipei 5(一)'),
          operations: rule(['new', 'change'], 'Taipei 3, 5(一)', 'a change of admin is applied for at the governing agency (須向總管理機關申請管理者變更)'),
          formKind: 'agency-admin-application',
          steps: [
            step('AGENCY_HEAD', 'commissioning-agency', 'consent', '業務之委託機關', 'Taipei 4, 5(二)', {
              onlyWhen: 'commissioned-agency',
              note: 'the rule names the commissioning agency, not an officer; its head gives the consent',
            }),
            step('AGENCY_ADMIN', 'own-agency', 'apply', '使用機關管理者', 'Taipei 5(一)', {
              note: 'states purpose and legal basis; sent by official letter (函報)',
            }),
            step('REVIEWING_OFFICER', 'reviewing-agency', 'review', '總管理機關（勞動局）', 'Taipei 2, 5(一)', { note: '業務目的審查' }),
            step('TOP_ADMIN', 'top-admin', 'set-up', '總管理者', 'Taipei 2, 5(一)', { note: '權限授權' }),
          ],
          requiresLegalBasis: rule(true, 'Taipei 5(一)', '敘明申請目的及業務項目法令依據'),
          personalDataAcknowledgement: silent(false, 'Taipei (no provision; cf. 5(一))'),
        },
        'user-account': {
          available: rule(true, 'Taipei 5(三)'),
          operations: rule(['new', 'change', 'delete'], 'Taipei 5(三), 5(四)', 'on leaving or a change of duties the revocation date is noted on the original form and the permissions removed'),
          formKind: 'user-application',
          steps: [
            step('CASEWORKER', 'own-unit', 'apply', '使用者', 'Taipei 5(三)'),
            step('AGENCY_ADMIN', 'own-agency', 'set-up', '使用機關管理者', 'Taipei 5(三)', {
              note: 'grants the role after checking purpose, legal basis and that the business is approved',
            }),
          ],
          requiresLegalBasis: rule(true, 'Taipei 5(三)'),
          personalDataAcknowledgement: silent(false, 'Taipei (no provision; cf. 5(三))'),
        },
        'agency-items': {
          available: rule(true, 'Taipei 3'),
          operations: rule(['add'], 'Taipei 3', 'the rules describe applying for use only, not removing items'),
          formKind: null,
          steps: [
            step('AGENCY_HEAD', 'commissioning-agency', 'consent', '業務之委託機關', 'Taipei 4', { onlyWhen: 'commissioned-agency' }),
            step('AGENCY_HEAD', 'own-agency', 'apply', '使用機關', 'Taipei 3', { note: 'the agency applies by official letter (函報), i.e. under its head' }),
            step('REVIEWING_OFFICER', 'reviewing-agency', 'review', '總管理機關（勞動局）', 'Taipei 2', { note: '審核申請機關業務項目' }),
            step('TOP_ADMIN', 'top-admin', 'set-up', '總管理者', 'Taipei 2'),
          ],
          requiresLegalBasis: rule(true, 'Taipei 3, 5(一)', 'the business purpose must be one 勞保局 has approved'),
          personalDataAcknowledgement: silent(false, 'Taipei (no provision; cf. 3)'),
        },
      },
      commissionedAgencyConsent: rule({ required: true, consentBy: 'commissioning-agency' }, 'Taipei 4, 5(二)', 'e.g. a district office commissioned by the Department of Social Welfare'),
      login: {
        prerequisites: rule(['myegov-official-account', 'citizen-certificate-uploaded'], 'Taipei 5(一), 5(三)'),
        certificateRequired: silent(false, 'Taipei (no provision; cf. 5(一))', 'the certificate is uploaded to the MyEGov account, but logging in with it is not required'),
        certificateAllowed: rule(true, 'Taipei 5(一)'),
        passwordAllowed: rule(true, 'Taipei 5(六)', 'passwords are changed periodically with the MyEGov platform, so password login exists'),
        passwordMaxAgeDays: platformDefault(PASSWORD_MAX_AGE_DAYS, 'Taipei 5(六): 定期進行密碼變更, no interval', 'three months, as Taoyuan 7'),
        passwordComplexity: platformDefault(PASSWORD_COMPLEXITY, 'Taipei 5(六) sets no complexity', 'the platform’s password policy'),
        lockoutThreshold: platformDefault(LOCKOUT_THRESHOLD, 'Taipei sets no lockout', 'failed logins before the account locks'),
        idleAccountDays: platformDefault(IDLE_ACCOUNT_DAYS, 'Taipei has no idle-account rule', 'used by the platform’s annual account review'),
        accountSharingForbidden: rule(true, 'Taipei 6(三)', '帳號僅限使用者本人使用，不得轉借他人使用'),
      },
      accounts: {
        revokeOnDutyChange: rule({ deadline: 'during-leave-procedure' }, 'Taipei 5(四)', '於申請離職、異動程序時 通報使用機關管理者'),
        adminHandover: silent(null, 'Taipei (no provision; cf. 3)'),
        accountReviewChecks: silent([], 'Taipei (no provision)'),
      },
      queries: {
        supervisorPreApproval: silent(false, 'Taipei (no provision; cf. 6(一))', 'each query is entered in the register; no prior approval'),
        preApprovalValidityHours: silent(null, 'Taipei (no provision; cf. 6(一))'),
        legalBasisOrConsentPerQuery: silent(false, 'Taipei (no provision; cf. 6(一))', 'the purpose is recorded per query; the legal basis is checked when access is granted (5(三))'),
        registerFormKind: 'query-register',
        registerFields: rule(['case-number', 'user', 'query-date', 'purpose'], 'Taipei 6(一)', '案件編號、查詢人員、查詢日期、查詢目的'),
        proxyQueries: rule({ allowed: true, writtenAuthorisationRequired: true, formKind: 'proxy-authorisation' }, 'Taipei 6(二)', 'for official or urgent needs, within the approved query scope; the authorisation is filed as an official document'),
        officeHoursOnly: rule(true, 'Taipei 6(三)', '不得於非辦公時間及非辦公場所查詢'),
        officeHours: platformDefault(TAIPEI_OFFICE_HOURS, 'Taipei 6(三) does not define 辦公時間', 'the Taipei City Government’s regular office hours; holidays not modelled'),
        officeNetworkOnly: rule(true, 'Taipei 6(三)', 'no queries outside office premises (非辦公場所)'),
        outsourcedVendorsBarred: rule(true, 'Taipei 5(五)', '基於個人資料保護，不得授權委外廠商使用'),
      },
      obligations: [
        {
          id: 'reconcile-register',
          kind: 'reconciliation',
          cadence: 'monthly',
          dueRule: { type: 'end-of-period' },
          owner: 'UNIT_ADMIN',
          description: 'Collect the query registers and check them against the system’s query counts (每月蒐集、核對查詢資料登記簿及系統查詢筆數)',
          citation: 'Taipei 3 第二項, 8(一)2',
          note: 'monthly per 3 第二項; no day is set, the calendar uses the month’s last day. An agency with its own record-by-record audit may adjust this (3 第二項, 6(六))',
        },
        {
          id: 'download-bureau-records',
          kind: 'bureau-records-download',
          cadence: 'quarterly',
          dueRule: { type: 'end-of-period' },
          owner: 'AGENCY_ADMIN',
          description: 'Download the users’ query records from the bureau system (查詢紀錄管理) for checking',
          citation: 'Taipei 8(一)1',
          note: 'at least every 3 months (至少 3 個月); the calendar places it at each quarter’s end',
        },
        {
          id: 'internal-audit',
          kind: 'internal-audit',
          cadence: 'half-yearly',
          dueRule: { type: 'end-of-period' },
          owner: 'AUDITOR',
          description: 'Internal audit by the agency audit team with the 附件4 checklist; results to the agency head',
          citation: 'Taipei 8(一)3, 8(一)4',
          note: 'at least every 6 months (至少 6 個月)',
        },
        {
          id: 'annual-audit-report',
          kind: 'audit-report',
          cadence: 'yearly',
          dueRule: { type: 'month-day-following-year', month: 3, day: 31 },
          owner: 'AUDITOR',
          description: 'Send the previous year’s internal audit documents (with the checklist) to the governing agency by the end of March',
          citation: 'Taipei 8(一)6',
        },
        {
          id: 'annual-file-destruction',
          kind: 'file-destruction',
          cadence: 'yearly',
          dueRule: { type: 'end-of-period' },
          owner: 'AGENCY_ADMIN',
          description: 'Yearly destruction of official documents that have reached their retention period',
          citation: 'Taipei 7(四)',
        },
        {
          id: 'revoke-on-leave',
          kind: 'revoke-account',
          cadence: 'event',
          dueRule: { type: 'upon-event', event: 'staff-moved-or-left' },
          owner: 'AGENCY_ADMIN',
          description: 'Note the revocation date on the original application and remove the permissions',
          citation: 'Taipei 5(四)',
        },
        {
          id: 'revoke-on-misuse',
          kind: 'revoke-account',
          cadence: 'event',
          dueRule: { type: 'upon-event', event: 'misuse-found' },
          owner: 'AUDITOR',
          description: 'Revoke the account of an improper query and pursue responsibility',
          citation: 'Taipei 6(四)',
        },
      ],
      audits: {
        sampling: silent(null, 'Taipei (no provision; cf. 8(一)2)', 'every count is reconciled instead of sampling'),
        checklist: rule(
          {
            formKind: 'audit-checklist',
            items: [
              { id: 'register-matches-system-records', textZh: '查詢資料登記簿與系統查詢紀錄筆數是否相符', textEn: 'Does the query register match the number of query records in the system?', verbatim: false, citation: 'Taipei 8(一)2' },
              { id: 'account-used-by-owner-only', textZh: '帳號是否僅限使用者本人使用，未轉借他人', textEn: 'Is each account used only by its holder and never lent?', verbatim: false, citation: 'Taipei 6(三)' },
              { id: 'office-hours-and-premises', textZh: '是否未於非辦公時間及非辦公場所查詢', textEn: 'Were all queries made in office hours and on office premises?', verbatim: false, citation: 'Taipei 6(三)' },
              { id: 'within-granted-scope', textZh: '是否依業務權限查詢資料', textEn: 'Were queries within the user’s business permissions?', verbatim: false, citation: 'Taipei 6(三)' },
              { id: 'proxy-authorisation-filed', textZh: '代查是否填具代查授權書並歸檔', textEn: 'Were proxy queries covered by a filed proxy authorisation?', verbatim: false, citation: 'Taipei 6(二)' },
              { id: 'leavers-revoked', textZh: '離職或業務異動者是否已註銷權限', textEn: 'Were the permissions of leavers and movers revoked?', verbatim: false, citation: 'Taipei 5(四)' },
              { id: 'printouts-filed-or-destroyed', textZh: '查詢資料是否列入公文歸檔或立即銷毀', textEn: 'Were query results filed with the case or destroyed?', verbatim: false, citation: 'Taipei 7(一)' },
            ],
            resultOptionsZh: [],
            extraFields: [],
          },
          'Taipei 8(一)4',
          'the checklist form 附件4 is not in the document; these items are derived from the rule text, each with its point',
        ),
        anomalyTeam: rule(
          { members: ['IT_OFFICER', 'ETHICS_OFFICER'], triggerZh: '不當查詢之情形', outputZh: '註銷帳號使用權並追究責任' },
          'Taipei 3 第三項, 6(四)',
          'the using-agency audit team (IT + ethics units)',
        ),
        anomalyActions: rule(['revoke-account', 'pursue-responsibility'], 'Taipei 6(四)'),
        resultsReviewedBy: rule('AGENCY_HEAD', 'Taipei 8(一)4', '結果簽報機關首長核定'),
        externalAuditors: rule(['reviewing-agency', 'bureau'], 'Taipei 2 第二項, 8(二)', 'the 總稽核小組 of the Department of Labor, and 勞保局'),
      },
      retention: rule(
        [
          { recordKind: 'account-application', minimumYears: 3, startsAt: 'account-revocation', citation: 'Taipei 7(二)' },
          { recordKind: 'audit-record', minimumYears: 3, startsAt: 'record-date', citation: 'Taipei 7(三)' },
          {
            recordKind: 'system-query-records',
            minimumYears: 3,
            startsAt: 'record-date',
            citation: 'Taipei 8(一)5, 7(三)',
            note: 'burned to disc with the audit documents and filed with them',
          },
        ],
        'Taipei 7',
      ),
      destruction: {
        printouts: rule(
          { fileWithCaseWhenNeeded: true, whenNoLongerNeeded: 'destroy-immediately', holdMonthsAfterQuery: null, destroyWithinMonths: null, methodZh: null },
          'Taipei 7(一)',
          '不需使用時，應列入公文文書歸檔或立即銷毀',
        ),
        electronicCopies: silent('not-addressed', 'Taipei (no provision; cf. 7(一))'),
        copyingForbidden: silent(false, 'Taipei (no provision; cf. 7(一))'),
      },
    },
  ],
};
