import { describe, expect, it } from 'vitest';
import { evidenceOf } from './audit.operations';

describe('a finding’s evidence', () => {
  it('is the register’s records when the finding rests on them', () => {
    expect(evidenceOf({ id: 'f', recordIds: ['r1', 'r2'], details: '{"bureauRecordIds":["b1"]}' })).toEqual({ kind: 'register', ids: ['r1', 'r2'] });
  });

  it('is the bureau’s record ids for queries nobody registered', () => {
    expect(evidenceOf({ id: 'f', recordIds: [], details: '{"day":"2026-10-05","bureauRecordIds":["WEBIR-1",2,"WEBIR-3"]}' })).toEqual({ kind: 'bureau', ids: ['WEBIR-1', 'WEBIR-3'] });
  });

  it('is nothing when the details are not what it expects', () => {
    expect(evidenceOf({ id: 'f', recordIds: [], details: 'not json' })).toEqual({ kind: 'bureau', ids: [] });
    expect(evidenceOf({ id: 'f', recordIds: [], details: '{"bureauRecordIds":"WEBIR-1"}' })).toEqual({ kind: 'bureau', ids: [] });
  });
});
