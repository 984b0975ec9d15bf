import type { DemoLogin } from '@custos/platform';
import { loadOrCreateSecrets } from '@custos/platform';
import pg from 'pg';

export interface E2EPlatform {
  gatewayUrl: string;
  consoleUrl: string;
  databaseOwnerUrl: string;
  subgraphUrls: Record<'identity' | 'permissions' | 'queryLog' | 'audit', string>;
  dataRoot: string;
  demo: { users: DemoLogin[] };
}

/** The platform started by the global setup. */
export function platform(): E2EPlatform {
  const raw = process.env.CUSTOS_E2E;
  if (!raw) throw new Error('The e2e platform is not running: run these tests through test/vitest.config.ts');
  return JSON.parse(raw) as E2EPlatform;
}

export function demoUser(cityId: string, role: string): DemoLogin {
  const user = platform().demo.users.find((u) => u.cityId === cityId && u.roles.includes(role));
  if (!user) throw new Error(`No demo ${role} in ${cityId}`);
  return user;
}

export function platformSecrets() {
  return loadOrCreateSecrets(platform().dataRoot);
}

export async function ownerQuery<T extends pg.QueryResultRow = any>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: platform().databaseOwnerUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
