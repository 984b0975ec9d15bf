import { DomainError } from './errors';

/**
 * A subgraph's way to ask the rest of the graph something on behalf of the caller it is serving:
 * the request goes through the gateway with the caller's delegation token, so it is planned,
 * authorised and tenant-scoped exactly as if the caller had asked. Errors come back as DomainErrors
 * with the original code and message.
 */
export function createGatewayClient(gatewayUrl: string) {
  return {
    async execute<TData>(delegationToken: string, query: string, variables: Record<string, unknown> = {}): Promise<TData> {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Delegation ${delegationToken}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json().catch(() => ({}))) as { data?: TData; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      const error = body.errors?.[0];
      if (error) throw new DomainError(error.extensions?.code ?? 'UPSTREAM_ERROR', error.message);
      if (!body.data) throw new DomainError('UPSTREAM_ERROR', `The gateway answered ${response.status} without data.`);
      return body.data;
    },
  };
}

export type GatewayClient = ReturnType<typeof createGatewayClient>;
