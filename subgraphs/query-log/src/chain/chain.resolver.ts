import { InputError } from '@custos/federation';
import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { QueryLogContext } from '../context';
import { checkPageSize } from '../shared/pagination';
import { QueryLogCheckpointConnection, QueryLogCheckpointKeyType, QueryLogCheckpointType, QueryLogVerificationType, presentCheckpoint } from './chain.type';
import { mapCheckpoint, type CheckpointRow } from './hash-chain';
import { verifyChain } from './verify-chain';

/** Who checks the register's integrity: the city's top admin, auditors, ethics and IT officers. */
const INTEGRITY_ROLES = ['TOP_ADMIN', 'AUDITOR', 'ETHICS_OFFICER', 'IT_OFFICER'] as const;

/** An exported checkpoint as archived: the signed payload (JSON) and its signature. */
function parseExportedCheckpoint(payload: string, signature: string, cityId: string): CheckpointRow {
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    if (value.type === 'custos.query-log.checkpoint' && typeof value.sequence === 'string' && typeof value.headHash === 'string' && typeof value.createdAt === 'string') {
      return {
        id: 'exported',
        cityId: String(value.cityId ?? cityId),
        sequence: value.sequence,
        headHash: value.headHash,
        previousCheckpointHash: String(value.previousCheckpointHash ?? ''),
        createdAt: new Date(value.createdAt),
        keyId: String(value.keyId ?? ''),
        signature,
      };
    }
  } catch {
    // reported below
  }
  throw new InputError('INVALID_CHECKPOINT', 'The exported checkpoint is not a query-log checkpoint payload.', 'checkpointPayload');
}

@Resolver()
export class ChainResolver {
  @Query(() => QueryLogVerificationType, {
    description: 'Checks the city’s register: every record’s hash and link between `from` and `to` (recording time), the signed checkpoints, and optionally a checkpoint exported earlier. Reports the first broken or missing link.',
  })
  async verifyQueryLog(
    @Ctx() ctx: QueryLogContext,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('checkpointPayload', () => String, { nullable: true, description: 'An archived checkpoint’s signedPayload…' }) payload: string | null,
    @Arg('checkpointSignature', () => String, { nullable: true, description: '…and its signature.' }) signature: string | null,
  ): Promise<QueryLogVerificationType> {
    const viewer = requireRole(ctx, INTEGRITY_ROLES);
    if (from && to && from.getTime() > to.getTime()) throw new InputError('INVALID_PERIOD', '`from` must not be after `to`.', 'from');
    const external = payload ? parseExportedCheckpoint(payload, signature ?? '', viewer.cityId) : null;
    const manager = await ctx.scope.manager(viewer.cityId);
    const result = await verifyChain(manager, ctx.services.checkpointKeys, viewer.cityId, { from, to }, external);
    return { ...result, firstProblem: result.problems[0] ?? null, latestCheckpoint: result.latestCheckpoint ? presentCheckpoint(result.latestCheckpoint) : null };
  }

  @Mutation(() => QueryLogCheckpointType, { nullable: true, description: 'Signs a checkpoint of the register’s current head now (also written every N records and periodically).' })
  async writeQueryLogCheckpoint(@Ctx() ctx: QueryLogContext): Promise<QueryLogCheckpointType | null> {
    const viewer = requireRole(ctx, ['TOP_ADMIN', 'AUDITOR', 'IT_OFFICER']);
    const row = await ctx.services.chain.writeCheckpoint(await ctx.scope.manager(viewer.cityId), viewer.cityId, ctx.now);
    return row ? presentCheckpoint(row) : null;
  }

  @Query(() => QueryLogCheckpointConnection, { description: 'The city’s signed checkpoints, oldest first: export them with the archive.' })
  async queryLogCheckpoints(
    @Ctx() ctx: QueryLogContext,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'A sequence number: checkpoints after it.' }) after: string | null,
  ): Promise<QueryLogCheckpointConnection> {
    const viewer = requireRole(ctx, INTEGRITY_ROLES);
    checkPageSize(first, 1000);
    if (after != null && !/^\d{1,18}$/.test(after)) throw new InputError('INVALID_CURSOR', 'The page cursor is a checkpoint sequence number.', 'after');
    const manager = await ctx.scope.manager(viewer.cityId);
    const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM query_log.chain_checkpoint WHERE city_id = $1', [viewer.cityId]);
    const rows = (
      await manager.query('SELECT * FROM query_log.chain_checkpoint WHERE city_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3', [viewer.cityId, after ?? '0', first + 1])
    ).map(mapCheckpoint);
    const nodes = rows.slice(0, first).map(presentCheckpoint);
    return { nodes, totalCount: n, pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? nodes[nodes.length - 1]!.sequence : null } };
  }

  @Query(() => QueryLogCheckpointKeyType, { description: 'The public key verifying the city’s checkpoints.' })
  queryLogCheckpointKey(@Ctx() ctx: QueryLogContext): QueryLogCheckpointKeyType {
    const viewer = requireRole(ctx, INTEGRITY_ROLES);
    return { keyId: ctx.services.checkpointKeys.keyId(viewer.cityId), publicJwk: JSON.stringify(ctx.services.checkpointKeys.publicJwk(viewer.cityId)) };
  }
}
