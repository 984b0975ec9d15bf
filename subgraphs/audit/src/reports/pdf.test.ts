import { describe, expect, it } from 'vitest';
import { hexOf, inspectPdf } from '../testing/pdf-reader';
import { renderAuditRecord } from './audit-record.pdf';
import { wrap } from './pdf';

describe('the audit record PDF', () => {
  it('wraps Chinese text at any character and Latin text at half width', () => {
    expect(wrap('一二三四五六', 30, 10)).toEqual(['一二三', '四五六']);
    expect(wrap('abcdef', 15, 10)).toEqual(['abc', 'def']);
  });

  it('lays out the form with its items, results and signatures, and flows the sample over pages', () => {
    const pdf = renderAuditRecord({
      title: '臺南市 應用衛生福利部中央健康保險署資訊稽核紀錄表',
      formNote: '附件四（Tainan 8(二)）',
      auditedUnit: '臺南市（全市）',
      auditDate: '2026-11-25',
      period: '2024-05-01 至 2024-05-31',
      method: '依 Tainan 8(一) 抽查 10 筆',
      population: '12 筆',
      checklist: [{ textZh: '是否依規定辦理權限申請。', result: '符合', note: null, previousResult: null }],
      checklistNote: null,
      previousResultNote: null,
      findingsSummary: '抽查 10 筆',
      recommendations: '無',
      signoffs: [{ titleZh: '各機關指定專人', roles: 'AUDITOR', signedBy: 'abcd1234', signedAt: '2026-11-25' }],
      sample: Array.from({ length: 120 }, (_, i) => ({ position: i + 1, queriedAt: '2024-05-02 10:00', itemKey: 'health-insurance:C0101:national-id', results: ['符合', '符合', '符合', '不符', '符合'] })),
      generatedAt: new Date('2026-11-25T02:00:00Z'),
    });
    const { pages, text } = inspectPdf(pdf);
    expect(pages).toBeGreaterThan(1);
    for (const words of ['稽核紀錄表', '是否依規定辦理權限申請。', '■符合', '□不符', '上次稽核結果', '稽核結果及建議', '簽核', '抽查紀錄（120 筆）', `第 ${pages} 頁`]) {
      expect(text).toContain(hexOf(words));
    }
  });
});
