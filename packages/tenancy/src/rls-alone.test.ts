import { describe, expect, it } from 'vitest';
import { rlsAloneMode, withoutCityPredicates } from './rls-alone';

describe('the test-only RLS-alone mode', () => {
  it('cannot be switched on in production mode (or with no mode at all)', () => {
    expect(() => rlsAloneMode({ CUSTOS_TEST_RLS_ALONE: '1', NODE_ENV: 'production' })).toThrow(/only allowed/);
    expect(() => rlsAloneMode({ CUSTOS_TEST_RLS_ALONE: '1' })).toThrow(/only allowed/);
    expect(rlsAloneMode({ CUSTOS_TEST_RLS_ALONE: '1', NODE_ENV: 'test' })).toBe(true);
    expect(rlsAloneMode({ NODE_ENV: 'test' })).toBe(false);
  });

  it('neutralises the city predicates of filters and joins, not assignments', () => {
    expect(withoutCityPredicates('SELECT * FROM "a" "A" WHERE ( ("A"."id" = $1 AND "A"."city_id" = $2) )')).toBe(
      'SELECT * FROM "a" "A" WHERE ( ("A"."id" = $1 AND ("A"."city_id" = $2 OR TRUE)) )',
    );
    expect(withoutCityPredicates('select * from t where city_id = $1 and x = $2')).toBe('select * from t where (city_id = $1 OR TRUE) and x = $2');
    expect(withoutCityPredicates('UPDATE "t" SET "city_id" = $1 WHERE "id" = $2')).toBe('UPDATE "t" SET "city_id" = $1 WHERE "id" = $2');
  });
});
