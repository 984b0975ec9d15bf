import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { comparisonTable, renderComparisonMarkdown, versionComparisonTable } from './comparison';

const DOC = fileURLToPath(new URL('../../../docs/rules-comparison.md', import.meta.url));

describe('comparisonTable', () => {
  const rows = comparisonTable();
  const row = (id: string) => rows.find((r) => r.id === id)!;
  const cell = (id: string, city: string) => row(id).cells.find((c) => c.city === city)!;

  it('has one cell per city in every row, each with a citation', () => {
    for (const r of rows) {
      expect(r.cells.map((c) => c.city)).toEqual(['taipei', 'taoyuan', 'changhua', 'tainan']);
      for (const c of r.cells) {
        expect(c.text.length).toBeGreaterThan(0);
        expect(c.citation.length).toBeGreaterThan(0);
      }
    }
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  it('shows each city’s rule with its citation', () => {
    expect(cell('sampling', 'changhua')).toMatchObject({ citation: 'Changhua 8(一)', text: expect.stringContaining('10% of cases, at least 30, at most 100') });
    expect(cell('password-max-age', 'taoyuan')).toMatchObject({ text: '90 days', citation: 'Taoyuan 7' });
    expect(cell('password-max-age', 'taipei').text).toBe('90 days (platform default)');
    expect(cell('login-methods', 'changhua').text).toBe('certificate required; password not allowed');
  });

  it('shows the latest version undated, marking Taipei’s as not in force', () => {
    expect(cell('status', 'taipei')).toMatchObject({ inForce: false, versionId: 'taipei-labor-insurance-2014' });
    expect(cell('status', 'changhua')).toMatchObject({ inForce: true, versionId: 'changhua-labor-insurance-revision' });
  });

  it('shows the rules in force on a date', () => {
    const dated = comparisonTable('2021-01-14');
    const taipei = dated.find((r) => r.id === 'scope')!.cells[0];
    expect(taipei).toMatchObject({ inForce: false, versionId: null, citation: 'Taipei 沿革' });
    expect(taipei.text).toContain("Taipei's rules were repealed on 2021-01-14");
    expect(dated.find((r) => r.id === 'scope')!.cells[2]).toMatchObject({ versionId: 'changhua-labor-insurance-original', text: expect.stringContaining('本府社會處') });
  });

  it('compares Changhua’s versions side by side', () => {
    const table = versionComparisonTable('changhua');
    expect(table.versionIds).toEqual(['changhua-labor-insurance-original', 'changhua-labor-insurance-revision']);
    const forms = table.rows.find((r) => r.id === 'forms')!;
    expect(forms.cells[0].text).toContain('附表三 彰化縣政府使用勞動部勞工保險局電子查驗服務系統查調資料登記表');
    expect(forms.cells[1].text).toContain('附表四 彰化縣政府使用勞動部勞工保險局電子查驗服務系統查調資料登記表');
  });
});

describe('docs/rules-comparison.md', () => {
  it('is the rendering of the current profiles', () => {
    let checkedIn = '';
    try {
      checkedIn = readFileSync(DOC, 'utf8');
    } catch {
      // fall through to the comparison below, which fails with the regeneration hint
    }
    const rendered = renderComparisonMarkdown();
    expect(
      checkedIn === rendered,
      'docs/rules-comparison.md is out of date with the rule profiles. Regenerate it from the repository root with: pnpm exec tsx packages/rules/scripts/write-comparison.ts',
    ).toBe(true);
  });
});
