import { describe, expect, it } from 'vitest';
import { dictionaries, interpolate, type Language, type MessageKey } from '../i18n/dictionaries';
import { findingSummary } from './audit-labels';

const i18n = (language: Language) => ({ t: (key: MessageKey, params?: Record<string, string | number>) => interpolate(dictionaries[language][key], params) });

describe('a finding in words, in the console’s language', () => {
  it('words each rule’s figures in Chinese and in English', () => {
    const bulk = { rule: 'BULK_QUERIES' as const, summary: 'Up to 25 queries within 10 minutes on 2024-05-06 (threshold 20)', recordCount: 6, details: '{"day":"2024-05-06","peak":25,"threshold":{"queries":20,"windowMinutes":10}}' };
    expect(findingSummary(i18n('zh-TW'), bulk)).toBe('2024-05-06 於 10 分鐘內最多查詢 25 筆（門檻 20 筆）');
    expect(findingSummary(i18n('en'), bulk)).toBe(bulk.summary);
    const hours = { rule: 'OUTSIDE_OFFICE_HOURS' as const, summary: 's', recordCount: 2, details: '{"day":"2020-08-03","officeHours":{"from":"08:30","to":"17:30","weekdays":[1,2,3,4,5]}}' };
    expect(findingSummary(i18n('zh-TW'), hours)).toBe('2020-08-03 非辦公時間（08:30–17:30）查詢 2 筆');
    const subject = { rule: 'SUBJECT_MANY_USERS' as const, summary: 's', recordCount: 3, details: '{"month":"2024-05","accounts":3,"agencies":3}' };
    expect(findingSummary(i18n('zh-TW'), subject)).toBe('2024-05 同一對象被 3 個帳號、3 個機關查詢，共 3 次');
    const volume = { rule: 'VOLUME_ABOVE_BASELINE' as const, summary: 's', recordCount: 30, details: '{"day":"2024-05-20","baselinePerDay":1,"historyDays":90}' };
    expect(findingSummary(i18n('en'), volume)).toBe('Queries on 2024-05-20: 30, against a usual 1 a day over the 90 days before');
  });

  it('names a bureau user the import could not map, and only then', () => {
    const mapped = { rule: 'UNREGISTERED_BUREAU_QUERY' as const, summary: 's', recordCount: 2, details: '{"day":"2026-10-05","userAccount":null,"itemCodes":["C0101","C0201"]}' };
    expect(findingSummary(i18n('zh-TW'), mapped)).toBe('2026-10-05 局端紀錄有 2 筆查詢未見於登記簿（C0101, C0201）');
    const unmapped = { ...mapped, recordCount: 1, details: '{"day":"2026-10-21","userAccount":"taoyuan.retired","itemCodes":["C0101"]}' };
    expect(findingSummary(i18n('zh-TW'), unmapped)).toBe('2026-10-21 局端使用者 taoyuan.retired 有 1 筆查詢未見於登記簿（C0101）');
  });

  it('falls back to the server’s summary for an unknown rule or details it cannot read', () => {
    expect(findingSummary(i18n('zh-TW'), { rule: null, summary: 'kept', recordCount: 1, details: '{"day":"2024-01-01"}' })).toBe('kept');
    expect(findingSummary(i18n('zh-TW'), { rule: 'BULK_QUERIES', summary: 'kept', recordCount: 1, details: 'not json' })).toBe('kept');
    expect(findingSummary(i18n('zh-TW'), { rule: 'BULK_QUERIES', summary: 'kept', recordCount: 1, details: '{"day":"2024-01-01"}' })).toBe('kept');
  });
});
