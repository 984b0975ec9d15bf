import type { DataSource, QueryRunner } from 'typeorm';

/**
 * TEST BUILD ONLY: the "row-level security alone" mode of the cross-city attack suite
 * (test/security/cross-city-attacks.test.ts). With `CUSTOS_TEST_RLS_ALONE=1` every city predicate the
 * application writes (`city_id = $n` after WHERE/AND/OR/ON) is made a no-op before it reaches
 * PostgreSQL, so only the database's own policies stand between a caller and another city's rows.
 * Read once when the process starts; refused outright in production mode.
 */
export const RLS_ALONE_FLAG = 'CUSTOS_TEST_RLS_ALONE';

export function rlsAloneMode(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[RLS_ALONE_FLAG] !== '1') return false;
  if (env.NODE_ENV === 'production' || env.NODE_ENV === undefined) {
    throw new Error(`${RLS_ALONE_FLAG} turns off the application's city filter: it is only allowed with NODE_ENV=test or development.`);
  }
  return true;
}

const MODE = rlsAloneMode();

const CITY_PREDICATE = /(?<=\b(?:WHERE|AND|OR|ON)\s*\(*\s*)((?:"?\w+"?\.)?"?city_id"?)\s*=\s*(\$\d+)/gi;

/** `x.city_id = $2` becomes `(x.city_id = $2 OR TRUE)`: the parameter keeps its type, the filter no longer filters. */
export function withoutCityPredicates(sql: string): string {
  return sql.replace(CITY_PREDICATE, '($1 = $2 OR TRUE)');
}

/** Applied by createSubgraphDataSource: a no-op unless the process started in the test-only mode. */
export function applyRlsAloneMode<T extends DataSource>(dataSource: T, enabled = MODE): T {
  if (!enabled) return dataSource;
  console.warn(`[tenancy] ${RLS_ALONE_FLAG}=1: application city filters are OFF, row-level security alone isolates cities (test build).`);
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>): QueryRunner => {
    const runner = create(...args);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, parameters?: unknown[], useStructuredResult?: boolean) =>
      query(withoutCityPredicates(sql), parameters, useStructuredResult as never)) as QueryRunner['query'];
    return runner;
  };
  return dataSource;
}
