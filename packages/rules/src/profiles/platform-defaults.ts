import type { OfficeHours, PasswordComplexity } from '../schema';

/*
 * Values the platform uses where a city's rule is silent or names a duty without a number.
 * Profiles reference these through `platformDefault(...)`, so every use is marked in the data
 * and shows up as "platform default" in the comparison table.
 */

/** No rule sets a password policy of its own (Taoyuan 7 and Tainan 6 defer to the e-government platform's rules, which are not in the documents). */
export const PASSWORD_COMPLEXITY: PasswordComplexity = {
  minLength: 12,
  requireUppercase: true,
  requireLowercase: true,
  requireDigit: true,
  requireSymbol: true,
};

/** Taipei 5(六) and Tainan 6 require periodic changes without an interval; we use Taoyuan 7's three months, the only number in the documents. */
export const PASSWORD_MAX_AGE_DAYS = 90;

/** No rule sets a lockout threshold. */
export const LOCKOUT_THRESHOLD = 5;

/** Changhua 6(一) (長期閒置) and Tainan 4(二)1 (閒置) name idle accounts without a period; half a year without a login. */
export const IDLE_ACCOUNT_DAYS = 180;

/**
 * Changhua 5(一) and Tainan 7(一) require the supervisor's approval before the query but do not
 * say for how long it holds. Three days covers an approval given on a Friday afternoon and used
 * on Monday, without leaving approvals open for the life of a case.
 */
export const PRE_APPROVAL_VALIDITY_HOURS = 72;

/**
 * Taipei 6(三) forbids queries outside office hours (非辦公時間) without defining them; these are the
 * Taipei City Government's regular office hours. Public holidays and make-up workdays are not
 * modelled here: they need the government's calendar, which is not rule data.
 */
export const TAIPEI_OFFICE_HOURS: OfficeHours = {
  timeZone: 'Asia/Taipei',
  weekdays: [1, 2, 3, 4, 5],
  from: '08:30',
  to: '17:30',
};
