import { requireAccount } from '@custos/tenancy';
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { QueryLogContext } from '../context';
import { presentQueryRecord, QueryRecordConnection } from '../records/query-record.type';
import { RegisterFilterInput, RegisterScopeEnum, type RegisterScope } from './register.input';

@ObjectType('RegisterCsv', { description: 'The register as a CSV file (UTF-8 with BOM, CRLF), oldest first.' })
export class RegisterCsvType {
  @Field(() => String) fileName!: string;
  @Field(() => Int) rowCount!: number;
  @Field(() => String) csv!: string;
}

@Resolver()
export class RegisterResolver {
  @Query(() => QueryRecordConnection, { description: 'The query register (查詢登記簿), newest first: your own, your unit’s (unit admin) or your agency’s (agency admin), filtered.' })
  async queryRegister(
    @Ctx() ctx: QueryLogContext,
    @Arg('scope', () => RegisterScopeEnum, { defaultValue: 'OWN' }) scope: RegisterScope,
    @Arg('filter', () => RegisterFilterInput, { nullable: true }) filter: RegisterFilterInput | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<QueryRecordConnection> {
    const viewer = requireAccount(ctx);
    const page = await ctx.services.register.list(ctx.scope, viewer.cityId, viewer, () => ctx.callerFacts(), scope, filter ?? {}, { first, after }, ctx.now);
    return { ...page, nodes: page.nodes.map(presentQueryRecord) };
  }

  @Query(() => RegisterCsvType, { description: 'The same register as CSV text, for download (at most 50,000 records).' })
  async queryRegisterCsv(
    @Ctx() ctx: QueryLogContext,
    @Arg('scope', () => RegisterScopeEnum, { defaultValue: 'OWN' }) scope: RegisterScope,
    @Arg('filter', () => RegisterFilterInput, { nullable: true }) filter: RegisterFilterInput | null,
  ): Promise<RegisterCsvType> {
    const viewer = requireAccount(ctx);
    const { rowCount, csv } = await ctx.services.register.csv(ctx.scope, viewer.cityId, viewer, () => ctx.callerFacts(), scope, filter ?? {}, ctx.now);
    return { fileName: `query-register-${viewer.cityId}-${scope.toLowerCase()}-${ctx.now.toISOString().slice(0, 10)}.csv`, rowCount, csv };
  }
}
