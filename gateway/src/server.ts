import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginUsageReportingDisabled, ApolloServerPluginSchemaReportingDisabled } from '@apollo/server/plugin/disabled';
import { ANONYMOUS, AuthError, createAccessTokenVerifier, createDelegationSigner, createDelegationVerifier, createGatewayAssertionSigner, publicPart, type JWK, type Principal } from '@custos/auth';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { PayloadTooLargeError, readBody } from '@custos/federation';
import type { GraphQLFormattedError } from 'graphql';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPHS, SUPERGRAPH_FILE } from './compose';
import type { GatewayContext } from './context';
import type { GatewayConfig } from './env';
import { RevocationCheckUnavailableError, RevocationList } from './revocation-list';
import { SignedDataSource } from './signed-data-source';
import { logoutTakesEffectPlugin } from './logout-plugin';
import { pageSizeBudgetPlugin } from './page-size-budget';
import { readOnlyTokenPlugin } from './read-only-tokens';
import { resolveTrustedDocument, TrustedDocumentError, TrustedDocuments } from './trusted-documents';
import { createStaticHandler, SECURITY_HEADERS } from './static-files';

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function sendError(response: ServerResponse, status: number, code: string, message: string) {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Codes whose messages were written for users (by a subgraph or by Apollo); anything else is masked. */
function isSafeToShow(formatted: GraphQLFormattedError): boolean {
  const code = formatted.extensions?.code;
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR';
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const production = config.NODE_ENV === 'production';
  const signer = await createGatewayAssertionSigner(config.GATEWAY_SIGNING_KEY as JWK);
  const delegationSigner = await createDelegationSigner(config.GATEWAY_SIGNING_KEY as JWK);
  const delegations = await createDelegationVerifier(publicPart(config.GATEWAY_SIGNING_KEY as JWK));
  const tokens = createAccessTokenVerifier(new URL(config.IDENTITY_JWKS_URL));
  const urlOverrides: Record<string, string | undefined> = {
    identity: config.IDENTITY_URL,
    permissions: config.PERMISSIONS_URL,
    'query-log': config.QUERY_LOG_URL,
    audit: config.AUDIT_URL,
  };
  // Issue 4: refuse at once the tokens of revoked or suspended accounts and of ended sessions,
  // from identity's revocation feed (see revocation-list.ts).
  const identityUrl = config.IDENTITY_URL ?? SUBGRAPHS.find((subgraph) => subgraph.name === 'identity')!.url;
  const revocations = new RevocationList({
    url: config.IDENTITY_REVOCATIONS_URL ?? identityUrl.replace(/\/graphql$/, '/internal/revocations'),
    signer,
    pollIntervalMs: config.REVOCATION_POLL_MS,
    maxStalenessMs: config.REVOCATION_MAX_STALENESS_MS,
  });
  await revocations.start();
  const trustedDocuments = TrustedDocuments.fromFile(config.TRUSTED_DOCUMENTS_FILE);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name, url }) => new SignedDataSource(urlOverrides[name] ?? url!, signer, delegationSigner, config.SUBGRAPH_MAX_SOCKETS),
  });

  // Limits sized from the console's deepest real query (depth 5, a dozen aliases) with headroom.
  const armor = new ApolloArmor({
    maxDepth: { n: 10, exposeLimits: !production },
    costLimit: { maxCost: 5000, exposeLimits: !production },
    maxAliases: { n: 15, exposeLimits: !production },
    maxDirectives: { n: 20, exposeLimits: !production },
    // Token counting is done by graphql-js's own parser (parseOptions below), so a syntax error stays a 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();

  const httpServer = createServer();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Issue 9: documents are registered in the trusted-documents manifest only, never by clients (APQ off).
    persistedQueries: false,
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: 2000 },
    formatError: (formatted) => {
      if (isSafeToShow(formatted)) {
        return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: { ...formatted.extensions, serviceName: undefined, stacktrace: undefined } };
      }
      // The caller gets a plain sentence; the operator gets what happened (never shown to the caller).
      console.error(`[gateway] internal error${formatted.extensions?.serviceName ? ` from ${String(formatted.extensions.serviceName)}` : ''} at ${formatted.path?.join('.') ?? '-'}: ${formatted.message}`);
      return { message: 'Something went wrong on our side. Nothing was saved. Please try again.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
    plugins: [
      ...protection.plugins,
      readOnlyTokenPlugin(),
      pageSizeBudgetPlugin(),
      logoutTakesEffectPlugin(() => revocations.refreshNow()),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await apollo.start();
  const serveStatic = config.CONSOLE_DIR ? createStaticHandler(config.CONSOLE_DIR) : undefined;

  async function principalOf(request: IncomingMessage): Promise<Principal> {
    const header = request.headers.authorization;
    if (!header) return ANONYMOUS;
    const delegated = /^Delegation\s+(\S+)$/i.exec(header);
    if (delegated) return revocations.check(await delegations.verify(delegated[1]!), delegated[1]!);
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AuthError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <access token>".');
    return revocations.check((await tokens.verify(match[1]!)).principal, match[1]!);
  }

  httpServer.on('request', async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    try {
      if (url.pathname === '/health') return void response.end('ok');
      if (url.pathname === '/graphql') {
        if (request.method !== 'POST') return sendError(response, 405, 'METHOD_NOT_ALLOWED', 'Send GraphQL requests as POST with a JSON body.');
        const raw = await readBody(request, config.MAX_BODY_BYTES);
        let body: unknown;
        try {
          body = JSON.parse(raw);
        } catch {
          return sendError(response, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
        }
        if (Array.isArray(body)) return sendError(response, 400, 'BATCHING_NOT_ALLOWED', 'Send one operation per request.');
        const principal = await principalOf(request);
        if (body && typeof body === 'object') {
          const readOnly = principal.kind === 'account' && principal.readOnly === true;
          resolveTrustedDocument(body as Record<string, unknown>, trustedDocuments, { onlyTrusted: readOnly && config.TRUSTED_DOCUMENTS_ONLY_FOR_REPORTING_TOKENS });
        }
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        const result = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers, search: url.search, body },
          context: async () => ({ principal, clientAddress: request.socket.remoteAddress }),
        });
        const responseHeaders: Record<string, string> = { ...SECURITY_HEADERS };
        for (const [key, value] of result.headers) responseHeaders[key] = value;
        response.writeHead(result.status ?? 200, responseHeaders);
        if (result.body.kind === 'complete') return void response.end(result.body.string);
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        return void response.end();
      }
      if (serveStatic && (request.method === 'GET' || request.method === 'HEAD')) return await serveStatic(url.pathname, response);
      sendError(response, 404, 'NOT_FOUND', 'Not found.');
    } catch (error) {
      if (error instanceof AuthError) return sendError(response, 401, error.code, error.message);
      if (error instanceof TrustedDocumentError) return sendError(response, error.code === 'TRUSTED_DOCUMENT_REQUIRED' ? 403 : 400, error.code, error.message);
      if (error instanceof RevocationCheckUnavailableError) return sendError(response, 503, 'REVOCATION_CHECK_UNAVAILABLE', error.message);
      if (error instanceof PayloadTooLargeError) return sendError(response, 413, 'PAYLOAD_TOO_LARGE', 'The request is too large.');
      console.error('[gateway] request failed', error);
      if (!response.headersSent) sendError(response, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side.');
      else response.end();
    }
  });
  httpServer.requestTimeout = config.REQUEST_TIMEOUT_MS;
  httpServer.headersTimeout = Math.min(config.REQUEST_TIMEOUT_MS, 20_000);

  await new Promise<void>((resolve) => httpServer.listen(config.GATEWAY_PORT, config.GATEWAY_HOST, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    stop: () => {
      revocations.stop();
      return apollo.stop();
    },
  };
}
