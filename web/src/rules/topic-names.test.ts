import { describe, expect, it } from 'vitest';
import { roleOfTopic, TOPIC_NAMES_ZH } from './topic-names';

describe('comparison topics', () => {
  it('reads the role of a role row', () => {
    expect(roleOfTopic('role-top-admin')).toBe('TOP_ADMIN');
    expect(roleOfTopic('role-caseworker')).toBe('CASEWORKER');
    expect(roleOfTopic('retention')).toBeUndefined();
  });

  it('has no empty names', () => {
    expect(Object.values(TOPIC_NAMES_ZH).filter((name) => name.trim() === '')).toEqual([]);
  });
});
