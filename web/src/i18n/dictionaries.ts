/**
 * The console's words, zh-TW first. `en` is typed against the zh-TW keys, so a key missing from either language
 * fails the typecheck; `dictionaries.test.ts` also checks placeholders match. `{name}` marks a placeholder.
 * Terms follow the cities' WebIR rules (管理者, 使用者/業務承辦人, 稽核, 政風, 自然人憑證).
 */
const zhTW = {
  'app.name': 'Custos',
  'app.tagline': '個資查詢治理平台',
  'app.documentTitle': 'Custos 個資查詢治理平台',
  'app.loading': '載入中…',
  'app.skipToContent': '跳到主要內容',
  'app.loadFailed': '頁面載入失敗，請重新整理後再試。',
  'app.reload': '重新整理',

  'language.label': '語言',
  'language.zh-TW': '中文',
  'language.en': 'English',

  'login.title': '登入',
  'login.intro': '請先選擇您所屬的縣市，再以自然人憑證登入；若縣市規定允許，也可使用帳號密碼登入。',
  'login.city': '縣市',
  'login.cityPlaceholder': '請選擇縣市',
  'login.citiesLoading': '正在載入縣市清單…',
  'login.citiesFailed': '無法載入縣市清單。',
  'login.retry': '重試',
  'login.method': '登入方式',
  'login.method.certificate': '憑證登入',
  'login.method.password': '密碼登入',
  'login.certificateOnly': '{city}規定須以憑證登入，不提供密碼登入。',
  'login.ruleCitation': '依據：{citation}',
  'login.certificate.file': '憑證檔（.pem）',
  'login.certificate.fileHint':
    '請選擇同時含有憑證與 PKCS#8 私鑰的 PEM 檔。私鑰只在本瀏覽器內用來簽署登入挑戰，不會上傳。',
  'login.certificate.loaded': '已讀取憑證檔：{fileName}',
  'login.certificate.submit': '以憑證登入',
  'login.password.username': '帳號',
  'login.password.password': '密碼',
  'login.password.submit': '登入',
  'login.submitting': '登入中…',
  'login.sessionExpired': '您的登入已逾時，請重新登入。',
  'login.signedOut': '您已登出。',

  'shell.account': '登入帳號',
  'shell.agency': '機關',
  'shell.city': '縣市',
  'shell.roles': '角色',
  'shell.noRoles': '尚未指派角色',
  'shell.logout': '登出',
  'shell.navigation': '主選單',
  'shell.loadingAccount': '正在載入帳號資料…',
  'shell.accountFailed': '無法載入帳號資料。',

  'nav.home': '首頁',
  'notFound.title': '找不到此頁面',
  'notFound.back': '回到首頁',

  'home.title': '歡迎，{name}',
  'home.intro':
    'Custos 將以線上流程取代紙本表單，管理勞保局與健保署 WebIR 個資查詢的帳號、權限、查詢紀錄與稽核。目前已開放登入與帳號資訊；以下功能將陸續推出。',
  'home.comingTitle': '即將推出',
  'home.coming.grants': '查詢項目權限：依法令依據申請、審核並授予機關與使用者查詢項目。',
  'home.coming.register': '查詢登記：每次查詢記錄案件編號、查詢目的與法令依據，並於查詢前取得主管核准。',
  'home.coming.reconciliation': '對帳：每月將查詢登記與勞保局、健保署系統的查詢紀錄比對。',
  'home.coming.audits': '稽核：依各縣市規定抽樣稽核、填寫查核項目並保存稽核紀錄。',
  'home.coming.accounts': '帳號管理：職務異動與離職註銷、管理者交接及年度帳號清查。',

  'role.TOP_ADMIN': '總管理者',
  'role.REVIEWING_OFFICER': '審查機關人員',
  'role.AGENCY_ADMIN': '機關管理者',
  'role.UNIT_ADMIN': '使用單位管理者',
  'role.CASEWORKER': '業務承辦人',
  'role.AUDITOR': '稽核人員',
  'role.ETHICS_OFFICER': '政風人員',
  'role.IT_OFFICER': '資訊人員',
  'role.AGENCY_HEAD': '機關首長',
  'role.UNIT_HEAD': '單位主管',
  'role.BUREAU_OFFICER': '中央主管機關人員',

  'error.INVALID_CREDENTIALS': '帳號或密碼不正確。',
  'error.PASSWORD_LOGIN_NOT_ALLOWED': '此縣市不允許密碼登入，請改用憑證登入。',
  'error.ACCOUNT_LOCKED': '帳號已被鎖定，請聯絡機關管理者。',
  'error.ACCOUNT_NOT_ACTIVE': '帳號尚未啟用或已停用，請聯絡機關管理者。',
  'error.PASSWORD_EXPIRED': '密碼已逾使用期限，請聯絡機關管理者重新設定。',
  'error.UNAUTHENTICATED': '您尚未登入或登入已失效，請重新登入。',
  'error.TOKEN_EXPIRED': '您的登入已逾時，請重新登入。',
  'error.CHALLENGE_EXPIRED': '登入挑戰已逾時，請再按一次登入。',
  'error.CHALLENGE_USED': '登入挑戰已使用過，請再按一次登入。',
  'error.CERTIFICATE_MALFORMED': '無法解讀憑證內容，請確認選擇的是正確的憑證檔。',
  'error.CERTIFICATE_UNTRUSTED': '此憑證並非由受信任的憑證機構簽發。',
  'error.CERTIFICATE_NOT_YET_VALID': '此憑證尚未生效。',
  'error.CERTIFICATE_EXPIRED': '此憑證已過期，請更新憑證後再登入。',
  'error.CERTIFICATE_REVOKED': '此憑證已被廢止。',
  'error.CERTIFICATE_NOT_REGISTERED': '此憑證尚未登記於所選縣市的任何帳號，請聯絡機關管理者。',
  'error.SIGNATURE_INVALID': '簽章驗證失敗，請確認私鑰與憑證相符。',
  'error.BAD_USER_INPUT': '輸入的資料有誤，請檢查後再試。',
  'error.FORBIDDEN': '您沒有執行此操作的權限。',
  'error.INTERNAL_SERVER_ERROR': '系統發生錯誤，請稍後再試。',
  'error.NETWORK_ERROR': '無法連線到伺服器，請檢查網路連線後再試。',
  'error.UNKNOWN': '發生未預期的錯誤，請稍後再試。',
  'error.FILE_UNREADABLE': '無法讀取所選的檔案。',
  'error.CERTIFICATE_FILE_REQUIRED': '請先選擇憑證檔。',
  'error.PEM_MALFORMED': '憑證檔格式有誤，無法讀取其中的 PEM 內容。',
  'error.PEM_NO_CERTIFICATE': '憑證檔中找不到憑證（BEGIN CERTIFICATE）。',
  'error.PEM_NO_PRIVATE_KEY': '憑證檔中找不到私鑰（BEGIN PRIVATE KEY）。',
  'error.PEM_ENCRYPTED_PRIVATE_KEY': '私鑰已加密；請提供未加密的 PKCS#8 私鑰。',
  'error.PEM_PKCS1_PRIVATE_KEY': '私鑰為 PKCS#1 格式（BEGIN RSA PRIVATE KEY）；請轉換為 PKCS#8 格式。',
  'error.PRIVATE_KEY_UNSUPPORTED': '不支援此私鑰；請提供 RSA 私鑰。',
  'error.WEBCRYPTO_UNAVAILABLE': '此瀏覽器環境無法進行憑證簽章，請以 HTTPS 連線使用新版瀏覽器。',
} as const;

export type MessageKey = keyof typeof zhTW;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  'app.name': 'Custos',
  'app.tagline': 'Personal-data query governance',
  'app.documentTitle': 'Custos · Personal-data query governance',
  'app.loading': 'Loading…',
  'app.skipToContent': 'Skip to main content',
  'app.loadFailed': 'This page could not be loaded. Please reload and try again.',
  'app.reload': 'Reload',

  'language.label': 'Language',
  'language.zh-TW': '中文',
  'language.en': 'English',

  'login.title': 'Sign in',
  'login.intro':
    'Choose your city, then sign in with your citizen digital certificate or, where your city allows it, with a password.',
  'login.city': 'City',
  'login.cityPlaceholder': 'Choose a city',
  'login.citiesLoading': 'Loading cities…',
  'login.citiesFailed': 'The list of cities could not be loaded.',
  'login.retry': 'Try again',
  'login.method': 'Sign-in method',
  'login.method.certificate': 'Certificate',
  'login.method.password': 'Password',
  'login.certificateOnly': '{city} requires certificate login; password login is not available.',
  'login.ruleCitation': 'Rule: {citation}',
  'login.certificate.file': 'Certificate file (.pem)',
  'login.certificate.fileHint':
    'Choose a PEM file holding your certificate and its PKCS#8 private key. The key is used only inside this browser to sign the login challenge; it is never uploaded.',
  'login.certificate.loaded': 'Certificate file read: {fileName}',
  'login.certificate.submit': 'Sign in with certificate',
  'login.password.username': 'Username',
  'login.password.password': 'Password',
  'login.password.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.sessionExpired': 'Your session has expired. Please sign in again.',
  'login.signedOut': 'You have signed out.',

  'shell.account': 'Signed-in account',
  'shell.agency': 'Agency',
  'shell.city': 'City',
  'shell.roles': 'Roles',
  'shell.noRoles': 'No roles assigned',
  'shell.logout': 'Log out',
  'shell.navigation': 'Main menu',
  'shell.loadingAccount': 'Loading your account…',
  'shell.accountFailed': 'Your account could not be loaded.',

  'nav.home': 'Home',
  'notFound.title': 'Page not found',
  'notFound.back': 'Back to home',

  'home.title': 'Welcome, {name}',
  'home.intro':
    'Custos replaces paper forms for the Labor Insurance and Health Insurance WebIR personal-data queries: accounts, grants, query records and audits. Sign-in and account details are available now; the following are coming next.',
  'home.comingTitle': 'Coming next',
  'home.coming.grants': 'Query-item grants: request, review and grant query items to agencies and users, each on a legal basis.',
  'home.coming.register':
    'Query register: record every query with its case number, purpose and legal basis, approved by a supervisor beforehand.',
  'home.coming.reconciliation':
    "Reconciliation: compare the register each month with the bureaus' own query records.",
  'home.coming.audits': "Audits: sample queries by each city's rules, fill in the checklist and keep the audit record.",
  'home.coming.accounts': 'Account management: role changes and leavers, admin handover and the annual account review.',

  'role.TOP_ADMIN': 'Top administrator',
  'role.REVIEWING_OFFICER': 'Reviewing officer',
  'role.AGENCY_ADMIN': 'Agency administrator',
  'role.UNIT_ADMIN': 'Unit administrator',
  'role.CASEWORKER': 'Caseworker',
  'role.AUDITOR': 'Auditor',
  'role.ETHICS_OFFICER': 'Ethics officer',
  'role.IT_OFFICER': 'IT officer',
  'role.AGENCY_HEAD': 'Agency head',
  'role.UNIT_HEAD': 'Unit head',
  'role.BUREAU_OFFICER': 'Bureau officer',

  'error.INVALID_CREDENTIALS': 'The username or password is incorrect.',
  'error.PASSWORD_LOGIN_NOT_ALLOWED': 'This city does not allow password login. Please sign in with your certificate.',
  'error.ACCOUNT_LOCKED': 'This account is locked. Please contact your agency administrator.',
  'error.ACCOUNT_NOT_ACTIVE': 'This account is not active. Please contact your agency administrator.',
  'error.PASSWORD_EXPIRED': 'Your password has expired. Please ask your agency administrator to reset it.',
  'error.UNAUTHENTICATED': 'You are not signed in, or your session has ended. Please sign in again.',
  'error.TOKEN_EXPIRED': 'Your session has expired. Please sign in again.',
  'error.CHALLENGE_EXPIRED': 'The login challenge expired. Please press sign in again.',
  'error.CHALLENGE_USED': 'The login challenge was already used. Please press sign in again.',
  'error.CERTIFICATE_MALFORMED': 'The certificate could not be read. Check that you chose the right certificate file.',
  'error.CERTIFICATE_UNTRUSTED': 'This certificate was not issued by a trusted certificate authority.',
  'error.CERTIFICATE_NOT_YET_VALID': 'This certificate is not valid yet.',
  'error.CERTIFICATE_EXPIRED': 'This certificate has expired. Please renew it and sign in again.',
  'error.CERTIFICATE_REVOKED': 'This certificate has been revoked.',
  'error.CERTIFICATE_NOT_REGISTERED':
    'This certificate is not registered to any account in the chosen city. Please contact your agency administrator.',
  'error.SIGNATURE_INVALID': 'The signature could not be verified. Check that the private key matches the certificate.',
  'error.BAD_USER_INPUT': 'Some of the input is not valid. Please check it and try again.',
  'error.FORBIDDEN': 'You do not have permission to do this.',
  'error.INTERNAL_SERVER_ERROR': 'Something went wrong on the server. Please try again later.',
  'error.NETWORK_ERROR': 'The server could not be reached. Check your connection and try again.',
  'error.UNKNOWN': 'Something unexpected went wrong. Please try again later.',
  'error.FILE_UNREADABLE': 'The chosen file could not be read.',
  'error.CERTIFICATE_FILE_REQUIRED': 'Please choose your certificate file first.',
  'error.PEM_MALFORMED': 'The certificate file is damaged: its PEM content could not be read.',
  'error.PEM_NO_CERTIFICATE': 'No certificate (BEGIN CERTIFICATE) was found in the file.',
  'error.PEM_NO_PRIVATE_KEY': 'No private key (BEGIN PRIVATE KEY) was found in the file.',
  'error.PEM_ENCRYPTED_PRIVATE_KEY': 'The private key is encrypted; please provide an unencrypted PKCS#8 key.',
  'error.PEM_PKCS1_PRIVATE_KEY':
    'The private key is in PKCS#1 format (BEGIN RSA PRIVATE KEY); please convert it to PKCS#8.',
  'error.PRIVATE_KEY_UNSUPPORTED': 'This private key is not supported; please provide an RSA key.',
  'error.WEBCRYPTO_UNAVAILABLE':
    'This browser cannot sign with your certificate here. Please use an up-to-date browser over HTTPS.',
};

export const LANGUAGES = ['zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-TW';

export const dictionaries: Record<Language, Messages> = { 'zh-TW': zhTW, en };

/** Replaces `{name}` placeholders; unknown placeholders are left visible rather than silently dropped. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}
