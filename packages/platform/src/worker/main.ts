import { createServer } from 'node:http';
import { loadWorkerConfig } from './env';
import { startJobWorker } from './job-worker';

/** The platform's job worker process (started by `startPlatform` beside the subgraphs). */
const config = loadWorkerConfig();
const worker = await startJobWorker(config);
const health = createServer((request, response) => {
  response.writeHead(request.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' });
  response.end(request.url === '/health' ? 'ok' : 'not found');
});
await new Promise<void>((resolve) => health.listen(config.WORKER_PORT, config.WORKER_HOST, resolve));
console.log(`[worker] running; health on http://${config.WORKER_HOST}:${config.WORKER_PORT}/health`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    health.close();
    worker.stop().then(() => process.exit(0), (error) => {
      console.error('[worker] stopping failed', error);
      process.exit(1);
    });
  });
}
