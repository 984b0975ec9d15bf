import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AuditContext } from '../context';
import { taiwanToday } from '../shared/dates';
import { AuditRecordType, DestructionLogEntryType, DestructionRunType } from './destruction.type';

/** The city's governing agency destroys records; the auditor may read what was destroyed. */
const DESTROYERS = ['TOP_ADMIN'] as const;
const LOG_READERS = ['TOP_ADMIN', 'AUDITOR', 'ETHICS_OFFICER'] as const;

@Resolver(() => DestructionLogEntryType)
export class DestructionResolver {
  @Mutation(() => DestructionRunType, {
    description: 'Destroys the city’s audit records whose retention period (from its rules) has passed, logging each; a dry run only lists them.',
  })
  async destroyExpiredAuditRecords(@Ctx() ctx: AuditContext, @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean): Promise<DestructionRunType> {
    const viewer = requireRole(ctx, DESTROYERS);
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.destruction.destroyExpired(manager, viewer.cityId, viewer.accountId, { today: taiwanToday(ctx.now), now: ctx.now, dryRun });
  }

  @Mutation(() => DestructionLogEntryType, { description: 'Destroys one audit record; refused while its retention period lasts (RETENTION_NOT_EXPIRED).' })
  async destroyAuditRecord(@Ctx() ctx: AuditContext, @Arg('recordType', () => AuditRecordType) recordType: AuditRecordType, @Arg('id', () => ID) id: string): Promise<DestructionLogEntryType> {
    const viewer = requireRole(ctx, DESTROYERS);
    const manager = await ctx.scope.manager(viewer.cityId);
    return ctx.services.destruction.destroyOne(manager, viewer.cityId, viewer.accountId, recordType, id, { today: taiwanToday(ctx.now), now: ctx.now });
  }

  @Query(() => [DestructionLogEntryType], { description: 'What was destroyed, when and under which rule, newest first.' })
  async destructionLog(@Ctx() ctx: AuditContext): Promise<DestructionLogEntryType[]> {
    const viewer = requireRole(ctx, LOG_READERS);
    return ctx.services.destruction.log(await ctx.scope.manager(viewer.cityId), viewer.cityId);
  }
}
