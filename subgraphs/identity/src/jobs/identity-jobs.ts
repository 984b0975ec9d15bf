import { createSubgraphDataSource } from '@custos/tenancy';
import pg from 'pg';
import { prepareIdentityServices } from '../create-services';
import { identityEntities } from '../entities';
import { identityConfigSchema } from '../env';
import { revokeDueAccounts, type LeaverJobResult } from '../leavers/leaver-job';
import { OutboxConsumer, type DrainResult, type OutboxConsumerOptions } from '../outbox-consumer/outbox-consumer';

/** The channel permissions' outbox trigger announces new events on (payload `{"city","topic"}`). */
export const PERMISSIONS_OUTBOX_CHANNEL = 'permissions_outbox';

export interface IdentityJobs {
  /** Handles the pending outbox events of one city, or of every city. */
  consumeOutbox(cityId?: string | null): Promise<DrainResult[]>;
  /** The leaver job (Changhua 4(六)): revokes every account whose revocation date has come. */
  revokeLeavers(now: Date): Promise<LeaverJobResult>;
  /** Calls `onEvent(city)` whenever permissions records an event for identity (reconnecting if the connection drops). */
  listenForOutbox(onEvent: (cityId: string) => void): Promise<{ stop(): Promise<void> }>;
  stop(): Promise<void>;
}

/**
 * Identity's scheduled and queued work, for the platform's job worker: built from the same
 * configuration the subgraph gets, connected as the subgraph's own role, under row-level security.
 */
export async function startIdentityJobs(env: Record<string, string | undefined>, options: OutboxConsumerOptions = {}): Promise<IdentityJobs> {
  const parsed = identityConfigSchema.safeParse(env);
  if (!parsed.success) throw new Error(`identity jobs: invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const config = parsed.data;
  const dataSource = await createSubgraphDataSource({ url: config.SUBGRAPH_DATABASE_URL, schema: 'identity', entities: identityEntities, poolSize: 2 });
  const services = (await prepareIdentityServices(config))(dataSource);
  const consumer = new OutboxConsumer(dataSource, { lifecycle: services.lifecycle, history: services.history, accountRules: services.accountRules }, options);
  const listeners = new Set<{ stop(): Promise<void> }>();
  return {
    consumeOutbox: async (cityId) => (cityId ? [await consumer.drainCity(cityId)] : consumer.drainAll()),
    revokeLeavers: (now) => revokeDueAccounts(dataSource, services.lifecycle, now),
    async listenForOutbox(onEvent) {
      const listener = listen(config.SUBGRAPH_DATABASE_URL, onEvent);
      await listener.ready;
      listeners.add(listener);
      return listener;
    },
    async stop() {
      for (const listener of listeners) await listener.stop();
      await dataSource.destroy();
    },
  };
}

function listen(url: string, onEvent: (cityId: string) => void): { ready: Promise<void>; stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      try {
        const { city } = JSON.parse(message.payload ?? '{}') as { city?: unknown };
        if (typeof city === 'string') onEvent(city);
      } catch {
        // not ours to understand; the periodic sweep still finds the event
      }
    });
    next.on('error', () => {
      if (stopped) return;
      client = null;
      next.end().catch(() => undefined);
      retry = setTimeout(() => connect().catch(() => undefined), 1_000);
    });
    await next.connect();
    await next.query(`LISTEN ${PERMISSIONS_OUTBOX_CHANNEL}`);
    client = next;
  };
  const ready = connect();
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
