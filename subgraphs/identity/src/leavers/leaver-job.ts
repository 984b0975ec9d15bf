import { toTaiwanDate } from '@custos/rules';
import { LessThanOrEqual, Not, type DataSource } from 'typeorm';
import type { AccountLifecycleService } from '../accounts/account-lifecycle.service';
import { AccountEntity } from '../accounts/account.entity';
import { systemActor } from '../change-history/actor';
import { CityEntity } from '../cities/city.entity';

export const LEAVER_JOB = 'revoke-leavers';

export interface LeaverJobResult {
  revoked: Array<{ cityId: string; accountId: string; username: string; revokeOn: string }>;
}

/**
 * The scheduled job (Changhua 4(六): revoke on or before the move date): revokes every account whose
 * scheduled revocation date (a move, a departure, an admin handover) has come, city by city, each
 * in its own transaction under that city's row-level security. Idempotent, and safe to run on two
 * replicas at once (rows are locked, taken ones skipped). Run by the subgraph on an interval, by
 * `pnpm job:revoke-leavers`, and by the tests.
 */
export async function revokeDueAccounts(dataSource: DataSource, lifecycle: AccountLifecycleService, now: Date): Promise<LeaverJobResult> {
  const today = toTaiwanDate(now);
  const actor = systemActor(LEAVER_JOB);
  const revoked: LeaverJobResult['revoked'] = [];
  const cities = await dataSource.getRepository(CityEntity).find({ select: { id: true }, order: { id: 'ASC' } });
  for (const { id: cityId } of cities) {
    await dataSource.transaction(async (manager) => {
      await manager.query(`select set_config('app.city_id', $1, true)`, [cityId]);
      const due = await manager.getRepository(AccountEntity).find({
        where: { cityId, status: Not('REVOKED'), revokeOn: LessThanOrEqual(today) },
        order: { revokeOn: 'ASC', id: 'ASC' },
        lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
      });
      for (const account of due) {
        const revokeOn = account.revokeOn!;
        await lifecycle.transition(manager, account, 'REVOKE', actor, `Scheduled revocation reached (${revokeOn}): ${account.revokeOnReason ?? 'no reason recorded'}`.slice(0, 1000), now);
        revoked.push({ cityId, accountId: account.id, username: account.username, revokeOn });
      }
    });
  }
  return { revoked };
}

/** Runs the job now and then every `intervalSeconds`, until stopped; failures are logged and retried next time. */
export function scheduleLeaverJob(run: () => Promise<LeaverJobResult>, intervalSeconds: number): { stop(): Promise<void> } {
  if (intervalSeconds <= 0) return { stop: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = run().then(
      (result) => {
        if (result.revoked.length > 0) console.log(`[identity] ${LEAVER_JOB}: revoked ${result.revoked.length} account(s)`);
      },
      (error) => console.error(`[identity] ${LEAVER_JOB} failed`, error),
    );
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, intervalSeconds * 1000);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running; // never close the pool under a running job
    },
  };
}
