import { describe, expect, it } from 'vitest';
import { RulesError } from './errors';
import { CHANGHUA_REVISION_EFFECTIVE_FROM, TAINAN_EFFECTIVE_FROM, TAIPEI_EFFECTIVE_FROM } from './profiles';
import { listCities, rules } from './rules';

describe('rules.at', () => {
  it('Taipei: in force on 2021-01-13, repealed from 2021-01-14 with date, reason and citation', () => {
    const before = rules.at('taipei', 'labor-insurance', '2021-01-13');
    expect(before.inForce).toBe(true);
    expect(before.inForce && before.version.id).toBe('taipei-labor-insurance-2014');

    const after = rules.at('taipei', 'labor-insurance', '2021-01-14');
    expect(after).toMatchObject({ inForce: false, reason: 'repealed', repealedOn: '2021-01-14', citation: 'Taipei 沿革' });
    expect(!after.inForce && after.message).toContain("Taipei's rules were repealed on 2021-01-14");
    expect(!after.inForce && after.lastVersion?.id).toBe('taipei-labor-insurance-2014');
    expect(rules.at('taipei', 'labor-insurance', '2026-11-25').inForce).toBe(false);
  });

  it('judges an instant by its Taiwan calendar date', () => {
    // 2021-01-13T16:00Z is 2021-01-14 00:00 in Taipei: the rules no longer apply.
    expect(rules.at('taipei', 'labor-insurance', new Date('2021-01-13T15:59:59Z')).inForce).toBe(true);
    const lookup = rules.at('taipei', 'labor-insurance', new Date('2021-01-13T16:00:00Z'));
    expect(lookup).toMatchObject({ inForce: false, date: '2021-01-14', reason: 'repealed' });
  });

  it('Taipei starts on the documented date chosen for it', () => {
    expect(TAIPEI_EFFECTIVE_FROM).toBe('2014-02-17');
    expect(rules.at('taipei', 'labor-insurance', '2014-02-16')).toMatchObject({ inForce: false, reason: 'not-yet-in-force', firstEffectiveFrom: '2014-02-17' });
    expect(rules.at('taipei', 'labor-insurance', '2014-02-17').inForce).toBe(true);
  });

  it('Taoyuan: not in force before 2016-03-28, with a reason', () => {
    const before = rules.at('taoyuan', 'labor-insurance', '2016-03-27');
    expect(before).toMatchObject({ inForce: false, reason: 'not-yet-in-force', firstEffectiveFrom: '2016-03-28', citation: 'Taoyuan 頒訂' });
    expect(!before.inForce && before.message).toContain('take effect on 2016-03-28');
    expect(rules.at('taoyuan', 'labor-insurance', '2016-03-28').inForce).toBe(true);
  });

  it('Changhua: the original rule before the revision date, the revision from it', () => {
    expect(CHANGHUA_REVISION_EFFECTIVE_FROM).toBe('2024-01-01');
    const before = rules.at('changhua', 'labor-insurance', '2023-12-31');
    const after = rules.at('changhua', 'labor-insurance', '2024-01-01');
    expect(before.inForce && before.version.id).toBe('changhua-labor-insurance-original');
    expect(before.inForce && before.version.status).toBe('repealed');
    expect(after.inForce && after.version.id).toBe('changhua-labor-insurance-revision');
    expect(after.inForce && after.version.status).toBe('in-force');
  });

  it('Tainan: from its documented date', () => {
    expect(TAINAN_EFFECTIVE_FROM).toBe('2018-02-26');
    expect(rules.at('tainan', 'health-insurance', '2018-02-25').inForce).toBe(false);
    expect(rules.at('tainan', 'health-insurance', '2018-02-26').inForce).toBe(true);
  });

  it('a city without rules for a service has none in force', () => {
    expect(rules.at('taipei', 'health-insurance', '2020-01-01')).toMatchObject({ inForce: false, reason: 'no-profile' });
    expect(rules.at('tainan', 'labor-insurance', '2024-01-01')).toMatchObject({ inForce: false, reason: 'no-profile' });
  });

  it('rejects an unknown city, service or date with a typed error', () => {
    expect(() => rules.at('kaohsiung', 'labor-insurance', '2024-01-01')).toThrow(expect.objectContaining({ code: 'UNKNOWN_CITY', message: expect.stringContaining('"kaohsiung"') }));
    expect(() => rules.at('taipei', 'pension', '2024-01-01')).toThrow(expect.objectContaining({ code: 'UNKNOWN_SERVICE' }));
    expect(() => rules.at('taipei', 'labor-insurance', '2021-02-30')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() => rules.at('taipei', 'labor-insurance', new Date('nope'))).toThrow(RulesError);
    expect(() => rules.versions('Taipei', 'labor-insurance')).toThrow(expect.objectContaining({ code: 'UNKNOWN_CITY' }));
  });
});

describe('rules.versions / profilesFor / listCities', () => {
  it('lists versions oldest first with their dates', () => {
    expect(rules.versions('changhua', 'labor-insurance').map((v) => [v.id, v.effectiveFrom, v.effectiveUntil ?? null, v.status])).toEqual([
      ['changhua-labor-insurance-original', '2014-02-17', '2024-01-01', 'repealed'],
      ['changhua-labor-insurance-revision', '2024-01-01', null, 'in-force'],
    ]);
    expect(rules.versions('taipei', 'labor-insurance').map((v) => v.effectiveUntil)).toEqual(['2021-01-14']);
    expect(rules.versions('taipei', 'health-insurance')).toEqual([]);
  });

  it('gives each city its profile', () => {
    expect(rules.profilesFor('tainan').map((p) => p.service)).toEqual(['health-insurance']);
    expect(rules.profilesFor('taoyuan').map((p) => p.titleZh)).toEqual(['桃園市政府應用勞動部勞工保險局資訊作業管理要點']);
  });

  it('lists the four cities with names and service', () => {
    expect(listCities().map(({ id, nameZh, nameEn, service }) => ({ id, nameZh, nameEn, service }))).toEqual([
      { id: 'taipei', nameZh: '臺北市', nameEn: 'Taipei City', service: 'labor-insurance' },
      { id: 'taoyuan', nameZh: '桃園市', nameEn: 'Taoyuan City', service: 'labor-insurance' },
      { id: 'changhua', nameZh: '彰化縣', nameEn: 'Changhua County', service: 'labor-insurance' },
      { id: 'tainan', nameZh: '臺南市', nameEn: 'Tainan City', service: 'health-insurance' },
    ]);
  });
});

describe('shared rule data', () => {
  it('cannot be changed by a caller', () => {
    const lookup = rules.at('changhua', 'labor-insurance', '2024-06-30');
    if (!lookup.inForce) throw new Error('expected rules in force');
    expect(() => {
      (lookup.version.audits.sampling.value as { minimum: number }).minimum = 1;
    }).toThrow(TypeError);
    expect(lookup.version.audits.sampling.value?.minimum).toBe(30);
  });
});
