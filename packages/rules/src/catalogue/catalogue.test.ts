import { describe, expect, it } from 'vitest';
import { RulesError } from '../errors';
import { findItem, itemCatalogue } from './index';

describe('query-item catalogues', () => {
  it('lists the 19 labor-insurance items of Taoyuan 附表二/三 in form order', () => {
    const items = itemCatalogue('labor-insurance');
    expect(items).toHaveLength(19);
    expect(items.map((i) => i.formRow)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(items.map((i) => i.code)).toEqual([
      'C0101', 'C0201', 'C0301', 'C0302', 'C0401', 'C0401', 'F0101', 'F0201', 'B0101', 'B0201',
      'B0301', 'P0101', 'P0102', 'P0201', 'P0301', 'N0101', 'T0101', 'B0401', 'P0401',
    ]);
    expect(items.every((i) => i.citation.startsWith('Taoyuan 附表二/附表三 item '))).toBe(true);
  });

  it('lists the 13 health-insurance items of Tainan 附表二', () => {
    const items = itemCatalogue('health-insurance');
    expect(items).toHaveLength(13);
    expect(items[12].nameZh).toBe('保險對象已繳納自付保費明細資料查詢');
    expect(items.every((i) => i.citation.startsWith('Tainan 附表二 item '))).toBe(true);
  });

  it('has C0401 twice, told apart by lookup key', () => {
    const c0401 = itemCatalogue('labor-insurance').filter((i) => i.code === 'C0401');
    expect(c0401.map((i) => i.key)).toEqual(['labor-insurance:C0401:insurance-number', 'labor-insurance:C0401:business-number']);
    expect(c0401.map((i) => i.lookupKeyZh)).toEqual(['以保險證號查詢', '以營利事業統一編號查詢']);
    expect(new Set(c0401.map((i) => i.nameZh))).toEqual(new Set(['勞保投保單位基本資料']));
  });

  it('has C0101 and C0201 in both services with different meanings', () => {
    const labor = findItem('labor-insurance:C0101:unspecified');
    const health = findItem('health-insurance:C0101:national-id');
    expect(labor?.nameZh).toBe('被保險人投保資料');
    expect(health?.nameZh).toBe('保險對象目前投保紀錄');
    expect(health?.lookupKeyZh).toBe('以身分證號[+出生日期](若身分證號重號)查詢');
    expect(findItem('labor-insurance:C0201:unspecified')?.nameZh).toBe('單位被保險人名冊');
    expect(findItem('health-insurance:C0201:national-id-and-premium-month')?.nameZh).toBe('保險對象歷史投保紀錄');
  });

  it('gives every item a unique key that findItem resolves', () => {
    const all = [...itemCatalogue('labor-insurance'), ...itemCatalogue('health-insurance')];
    expect(new Set(all.map((i) => i.key)).size).toBe(all.length);
    for (const item of all) {
      expect(item.key).toBe(`${item.service}:${item.code}:${item.lookupKey}`);
      expect(findItem(item.key)).toBe(item);
    }
    expect(findItem('labor-insurance:C0401')).toBeUndefined();
  });

  it('marks the health-insurance codes the form does not give as placeholders', () => {
    const items = itemCatalogue('health-insurance');
    expect(items.filter((i) => !i.codeIsPlaceholder).map((i) => i.code)).toEqual(['C0101', 'C0201']);
    expect(items.filter((i) => i.codeIsPlaceholder).map((i) => i.code)).toEqual(
      ['HX03', 'HX04', 'HX05', 'HX06', 'HX07', 'HX08', 'HX09', 'HX10', 'HX11', 'HX12', 'HX13'],
    );
    expect(itemCatalogue('labor-insurance').some((i) => i.codeIsPlaceholder)).toBe(false);
  });

  it('rejects an unknown service with UNKNOWN_SERVICE', () => {
    expect(() => itemCatalogue('pension')).toThrow(RulesError);
    expect(() => itemCatalogue('pension')).toThrow(expect.objectContaining({ code: 'UNKNOWN_SERVICE', message: expect.stringContaining('"pension"') }));
  });
});
