import { describe, expect, it } from 'vitest';
import { countsCsv, csvCell, exportFileName, recordsCsv } from './bureau-csv';
import type { CrossCityRecord } from './bureau.operations';

const names = { cityName: (id: string) => ({ taoyuan: '桃園市', changhua: '彰化縣' })[id] ?? id, itemName: (key: string) => `name of ${key}` };

const record = (id: string, queriedAt: string, extra: Partial<CrossCityRecord> = {}): CrossCityRecord => ({
  id,
  cityId: 'taoyuan',
  agencyId: 'agency-1',
  unitId: null,
  itemKey: 'labor-insurance:C0101:unspecified',
  caseNumber: `CASE-${id}`,
  purpose: '社會救助',
  legalBasis: null,
  queriedAt,
  ...extra,
});

describe('the bureau’s CSV exports', () => {
  it('quote what needs quoting and defuse formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('list records oldest first with a BOM and CRLF, the city and item named', () => {
    const csv = recordsCsv([record('b', '2026-03-02T01:00:00.000Z', { cityId: 'changhua', legalBasis: '社會救助法第44條之2' }), record('a', '2026-03-01T01:00:00.000Z')], names);
    expect(csv.startsWith('\uFEFFqueried_at,city_id,city,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // header, two records, the final empty line
    expect(lines[1]).toBe('2026-03-01T01:00:00.000Z,taoyuan,桃園市,agency-1,,labor-insurance:C0101:unspecified,name of labor-insurance:C0101:unspecified,CASE-a,社會救助,,a');
    expect(lines[2]).toContain(',changhua,彰化縣,');
    expect(lines[2]).toContain(',社會救助法第44條之2,b');
    expect(lines[3]).toBe('');
  });

  it('count by the dimensions asked, a named column beside the coded city and item', () => {
    const csv = countsCsv(['CITY', 'ITEM', 'MONTH'], [{ cityId: 'taoyuan', agencyId: null, unitId: null, itemKey: 'k', purpose: null, purposeCategory: null, month: '2026-03', count: 7 }], names);
    expect(csv.slice(1).split('\r\n').slice(0, 2)).toEqual(['city_id,city,item_key,item,month,count', 'taoyuan,桃園市,k,name of k,2026-03,7']);
  });

  it('count by purpose category with its code column', () => {
    const csv = countsCsv(['PURPOSE_CATEGORY'], [{ cityId: null, agencyId: null, unitId: null, itemKey: null, purpose: null, purposeCategory: 'SOCIAL', month: null, count: 3 }], names);
    expect(csv.slice(1).split('\r\n').slice(0, 2)).toEqual(['purpose_category,count', 'SOCIAL,3']);
  });

  it('name the file after what, the service, the city and the day', () => {
    expect(exportFileName('bureau-register', 'labor-insurance', null, '2026-03-05')).toBe('bureau-register-labor-insurance-all-cities-2026-03-05.csv');
    expect(exportFileName('bureau-counts', 'health-insurance', 'tainan', '2026-03-05')).toBe('bureau-counts-health-insurance-tainan-2026-03-05.csv');
  });
});
