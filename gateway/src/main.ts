import { loadGatewayConfig } from './env';
import { startGateway } from './server';

const gateway = await startGateway(loadGatewayConfig());
console.log(`[gateway] listening on ${gateway.url}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    gateway.stop().then(
      () => process.exit(0),
      (error) => {
        console.error('[gateway] shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
