/**
 * What the console may read from its own access token, for display only: the gateway verifies the token and every
 * subgraph enforces the same claims, so a tampered token would change what the page offers, never what it gets.
 */
export interface CrossCityReach {
  /** The cities identity put in the token (issue 9): the only ones a bureau officer may read. */
  cityIds: string[];
  /** The one WebIR service whose records the officer may see. */
  service: 'labor-insurance' | 'health-insurance';
}

const SERVICES = ['labor-insurance', 'health-insurance'] as const;

/** The `reach` claim of an access token (a JWT), or null for a city's own token or anything unreadable. */
export function crossCityReachOf(accessToken: string | null | undefined): CrossCityReach | null {
  const payload = accessToken?.split('.')[1];
  if (!payload) return null;
  let claims: unknown;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
  } catch {
    return null;
  }
  const reach = (claims as { reach?: unknown } | null)?.reach as { cityIds?: unknown; service?: unknown } | undefined;
  if (!reach || !Array.isArray(reach.cityIds) || !(SERVICES as readonly unknown[]).includes(reach.service)) return null;
  const cityIds = reach.cityIds.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return { cityIds: [...new Set(cityIds)].sort(), service: reach.service as CrossCityReach['service'] };
}
