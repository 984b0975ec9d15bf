import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { AuthError, DELEGATION_HEADER, GATEWAY_ASSERTION_HEADER, graphqlRequestHash, type GatewayAssertionVerifier, type VerifiedAssertion } from '@custos/auth';
import type { GraphQLSchema } from 'graphql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatSubgraphError } from './errors';
import { PayloadTooLargeError, readBody } from './read-body';

export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(request: IncomingMessage, response: ServerResponse): Promise<void> | void;
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  assertionVerifier: GatewayAssertionVerifier;
  /** Builds the per-request context from what the gateway vouched for. */
  createContext(verified: VerifiedAssertion): Promise<TContext>;
  plugins?: ApolloServerPlugin<TContext>[];
  /** Extra plain-HTTP routes (health, a public key set); they bypass the gateway check, so keep them public by nature. */
  routes?: HttpRoute[];
  exposeInternalErrors?: boolean;
  maxBodyBytes?: number;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  server: Server;
  apollo: ApolloServer<any>;
  stop(): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * Serves one subgraph on loopback. Every GraphQL request must carry the gateway's signed assertion,
 * bound to this exact query and variables; anything else is refused before it reaches a resolver.
 */
export async function serveSubgraph<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
  listen: { host?: string; port: number },
): Promise<RunningSubgraph> {
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const httpServer = createServer();
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError: (formatted, error) => formatSubgraphError(formatted, error, { exposeInternal: options.exposeInternalErrors ?? false }),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), ...(options.plugins ?? [])],
  });
  await apollo.start();
  const routes = options.routes ?? [];

  httpServer.on('request', async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://subgraph');
    try {
      const route = routes.find((r) => r.method === request.method && r.path === url.pathname);
      if (route) return await route.handle(request, response);
      if (url.pathname !== '/graphql' || request.method !== 'POST') return sendJson(response, 404, errorBody('NOT_FOUND', 'Not found'));
      const raw = await readBody(request, maxBodyBytes);
      let body: { query?: unknown; variables?: unknown };
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(response, 400, errorBody('BAD_REQUEST', 'The request body is not valid JSON.'));
      }
      const header = request.headers[GATEWAY_ASSERTION_HEADER];
      const verified = await options.assertionVerifier.verify(
        Array.isArray(header) ? header[0] : header,
        graphqlRequestHash(typeof body.query === 'string' ? body.query : '', body.variables),
      );
      const delegation = request.headers[DELEGATION_HEADER];
      if (verified.principal.kind === 'account' && typeof delegation === 'string') verified.delegationToken = delegation;
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: url.search, body },
        context: () => options.createContext(verified),
      });
      const responseHeaders: Record<string, string> = {};
      for (const [key, value] of result.headers) responseHeaders[key] = value;
      response.writeHead(result.status ?? 200, responseHeaders);
      if (result.body.kind === 'complete') return response.end(result.body.string);
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    } catch (error) {
      if (error instanceof AuthError) return sendJson(response, 401, errorBody(error.code, error.message));
      if (error instanceof PayloadTooLargeError) return sendJson(response, 413, errorBody('PAYLOAD_TOO_LARGE', 'The request is too large.'));
      console.error(`[${options.name}] request failed`, error);
      if (!response.headersSent) sendJson(response, 500, errorBody('INTERNAL_SERVER_ERROR', 'Something went wrong on our side.'));
      else response.end();
    }
  });

  await new Promise<void>((resolve) => httpServer.listen(listen.port, listen.host ?? '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    server: httpServer,
    apollo,
    stop: () => apollo.stop(),
  };
}
