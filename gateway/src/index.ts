export { startGateway, type RunningGateway } from './server';
export { gatewayConfigSchema, type GatewayConfig } from './env';
export { composeSupergraph, SUBGRAPHS } from './compose';
