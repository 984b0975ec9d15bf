export { buildFederatedSchema, type ReferenceResolvers } from './build-federated-schema';
export { serveSubgraph, type SubgraphServerOptions, type RunningSubgraph, type HttpRoute } from './serve-subgraph';
export { DomainError, InputError, ForbiddenError, UnauthenticatedError, NotFoundError, formatSubgraphError, toGraphQLError } from './errors';
export { printSubgraphSdl, writeOrCheckSdl } from './print-sdl';
export { loadConfig } from './config';
export { subgraphConfigSchema, jwkFromJson, type SubgraphConfig } from './subgraph-config';
export { createGatewayClient, type GatewayClient } from './gateway-client';
export { readBody, PayloadTooLargeError } from './read-body';
export { mutationTrailPlugin, installMutationTrail, trailTableSql, trailTriggerSql, cityTablesQuery, TRAIL_TABLE, type MutationTrailOptions } from './mutation-trail';
