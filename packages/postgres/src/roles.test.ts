import { describe, expect, it } from 'vitest';
import { appRoleName, appRoleUrl, SUBGRAPH_SCHEMAS } from './roles';
import { withDatabase } from './database';

describe('database roles and URLs', () => {
  it('names one login role per subgraph schema', () => {
    expect(SUBGRAPH_SCHEMAS.map(appRoleName)).toEqual(['custos_identity', 'custos_permissions', 'custos_query_log', 'custos_audit']);
  });

  it("derives a subgraph's URL from the server's, changing only the credentials", () => {
    const url = appRoleUrl('postgres://postgres:secret@127.0.0.1:5544/custos?sslmode=disable', 'query_log', 'p@ss/word');
    const parsed = new URL(url);
    expect(parsed.username).toBe('custos_query_log');
    expect(decodeURIComponent(parsed.password)).toBe('p@ss/word');
    expect(parsed.host).toBe('127.0.0.1:5544');
    expect(parsed.pathname).toBe('/custos');
    expect(parsed.searchParams.get('sslmode')).toBe('disable');
  });

  it('points a URL at another database', () => {
    expect(new URL(withDatabase('postgres://a:b@h:1/postgres', 'custos')).pathname).toBe('/custos');
  });
});
