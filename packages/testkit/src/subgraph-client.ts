import { ANONYMOUS, createGatewayAssertionSigner, GATEWAY_ASSERTION_HEADER, graphqlRequestHash, type JWK, type Principal } from '@custos/auth';

export interface GraphQLResponse<TData = any> {
  data?: TData | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
}

/**
 * Calls a subgraph the way the gateway does: with a signed assertion naming the principal.
 * Subgraph tests use it to exercise one subgraph over real HTTP without the gateway.
 */
export async function createSubgraphClient(url: string, gatewayPrivateJwk: JWK) {
  const signer = await createGatewayAssertionSigner(gatewayPrivateJwk);
  return {
    async execute<TData = any>(
      query: string,
      variables: Record<string, unknown> = {},
      principal: Principal = ANONYMOUS,
      /** The client address the gateway vouches for (the login limits count per address). */
      clientAddress?: string,
    ): Promise<GraphQLResponse<TData> & { status: number }> {
      const assertion = await signer.sign({ principal, requestHash: graphqlRequestHash(query, variables), clientAddress });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: assertion },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as GraphQLResponse<TData>) };
    },
  };
}
