import pg from 'pg';
import type { DecisionInputsCache, InputsChange } from './decision-inputs.cache';

export const DECISION_INPUTS_CHANNEL = 'permissions_decision_inputs';

export interface InvalidationListener {
  /** Resolves once the first LISTEN is in place (the cache is trusted from then on). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps the decision-inputs cache honest: LISTENs for the database's change notifications (sent by
 * triggers on commit, whichever process or person made the change) and drops affected entries. While
 * the connection is down the cache is disabled, so a lost notification can never leave a revoked
 * grant cached; on reconnect everything cached before is dropped.
 */
export function startInvalidationListener(databaseUrl: string, cache: DecisionInputsCache, options: { log?: (message: string, error?: unknown) => void } = {}): InvalidationListener {
  const log = options.log ?? ((message, error) => console.error(`[permissions] ${message}`, error ?? ''));
  let stopped = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoffMs = 100;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: databaseUrl, keepAlive: true, application_name: 'custos-permissions-cache' });
    client = next;
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = undefined;
      cache.disable();
      next.removeAllListeners();
      next.end().catch(() => {});
      if (stopped) return;
      log('decision cache listener lost its connection; caching is off until it reconnects', error);
      retryTimer = setTimeout(connect, backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5_000);
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      if (message.channel !== DECISION_INPUTS_CHANNEL || !message.payload) return;
      try {
        cache.invalidate(JSON.parse(message.payload) as InputsChange);
      } catch {
        cache.clear();
      }
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${DECISION_INPUTS_CHANNEL}`);
      if (client !== next || stopped) return;
      backoffMs = 100;
      cache.enable();
      markReady();
    } catch (error) {
      lost(error);
    }
  };
  void connect();

  return {
    ready,
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      cache.disable();
      if (current) {
        current.removeAllListeners();
        current.on('error', () => {});
        await current.end().catch(() => {});
      }
    },
  };
}
