/**
 * Traditional Chinese names of the comparison topics, by the row id the gateway sends. The gateway's own topic
 * (English) is used for English and for any topic added later that is not listed here.
 */
export const TOPIC_NAMES_ZH: Readonly<Record<string, string>> = {
  status: '版本與施行日期',
  scope: '適用對象',
  forms: '表單',
  'item-eligibility': '機關可申請的查詢項目',
  'approval-agency-admin-account': '核准流程：機關管理者帳號',
  'approval-user-account': '核准流程：使用者帳號',
  'approval-agency-items': '核准流程：機關查詢項目',
  'commissioned-agency-consent': '受委託機關須先經委託機關同意',
  'personal-data-acknowledgement': '申請時簽署個人資料保護聲明',
  'login-prerequisites': '帳號申請條件',
  'login-methods': '登入方式：憑證／密碼',
  'password-max-age': '密碼使用期限',
  'password-complexity': '密碼複雜度',
  lockout: '登入失敗鎖定',
  'idle-account': '閒置帳號（年度清查）',
  'account-sharing': '禁止共用帳號',
  'revoke-on-duty-change': '職務異動或離職時註銷帳號',
  'admin-handover': '管理者交接',
  'account-review-checks': '帳號清查檢查項目',
  'pre-approval': '每次查詢前經主管核准',
  'pre-approval-validity': '事前核准的有效期間',
  'legal-basis-or-consent': '每次查詢須有法令依據或當事人書面同意',
  'register-fields': '規定的登記欄位',
  'proxy-queries': '代查',
  'office-hours': '僅限上班時間查詢',
  'office-network': '僅限辦公處所或機關網路查詢',
  'outsourced-vendors': '不得由委外廠商人員查詢',
  'obligations-monthly': '應辦事項：每月',
  'obligations-quarterly': '應辦事項：每季',
  'obligations-half-yearly': '應辦事項：每半年',
  'obligations-yearly': '應辦事項：每年',
  'obligations-event': '應辦事項：事件發生時',
  sampling: '稽核抽樣',
  checklist: '稽核查核項目',
  'anomaly-team': '異常／聯合稽核小組',
  'anomaly-actions': '發現異常時的處置',
  'results-reviewed-by': '內部稽核結果核定者',
  'external-auditors': '外部稽核單位',
  retention: '最短保存年限',
  printouts: '列印資料',
  'electronic-copies': '電子檔案',
  'copying-forbidden': '禁止複製',
};

const ROLE_ROW = /^role-([a-z-]+)$/;

/** The platform role a "role-…" row is about (e.g. "role-top-admin" → "TOP_ADMIN"), if it is one. */
export function roleOfTopic(rowId: string): string | undefined {
  const match = ROLE_ROW.exec(rowId);
  return match ? match[1]!.toUpperCase().replaceAll('-', '_') : undefined;
}
