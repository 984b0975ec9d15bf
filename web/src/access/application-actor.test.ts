import { describe, expect, it } from 'vitest';
import { describeActor, type ActorWords } from './application-actor';

const words: ActorWords = {
  bureauName: (service) => (service === 'labor-insurance' ? '勞動部勞工保險局' : service === 'health-insurance' ? '衛生福利部中央健康保險署' : '中央主管機關'),
  bureauOfficer: '中央主管機關人員',
  unknownActor: '（未提供）',
  agencyName: (agency) => agency.name,
};

const clerk = { id: 'a1', username: 'taoyuan.clerk', person: { id: 'p1', displayName: '王小明' } };

describe('who acted on an application event', () => {
  it('names the city’s official and agency', () => {
    expect(describeActor({ actor: clerk, actorAgency: { id: 'g', name: '桃園市政府社會局', nameEn: null }, role: 'APPLICANT' }, 'labor-insurance', words)).toEqual({
      actor: '王小明（taoyuan.clerk）',
      agency: '桃園市政府社會局',
    });
  });

  it('names the bureau of the application’s service when a bureau officer decided (actor and agency null)', () => {
    expect(describeActor({ actor: null, actorAgency: null, role: 'BUREAU_OFFICER' }, 'labor-insurance', words)).toEqual({
      actor: '中央主管機關人員',
      agency: '勞動部勞工保險局',
    });
    expect(describeActor({ actor: null, actorAgency: null, role: 'BUREAU_OFFICER' }, 'health-insurance', words).agency).toBe('衛生福利部中央健康保險署');
  });

  it('does not fail on another null actor', () => {
    expect(describeActor({ actor: null, actorAgency: null, role: null }, 'labor-insurance', words)).toEqual({ actor: '（未提供）', agency: '（未提供）' });
  });
});
