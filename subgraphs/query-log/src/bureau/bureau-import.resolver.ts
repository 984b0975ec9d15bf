import { ForbiddenError, InputError } from '@custos/federation';
import { requireAgencyOfCity, requireRole } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { QueryLogContext } from '../context';
import { currentView, findJob, insertJob, listJobs } from './bureau-import-job';
import { BureauImportJobType, presentJob } from './bureau-import.type';

/** Who imports the bureau's records: the agency admin downloads them (Taipei 8(一)1); the top admin for any agency. */
const IMPORT_ROLES = ['AGENCY_ADMIN', 'TOP_ADMIN'] as const;

@Resolver()
export class BureauImportResolver {
  @Mutation(() => BureauImportJobType, {
    description:
      'Imports a bureau query records CSV (docs/bureau-records-csv.md) for your agency (a top admin may name one). Returns at once with a job to poll; a file with any malformed row is rejected whole, naming line and field. Files above ~1 MB: use the CLI (import-bureau-records).',
  })
  async importBureauRecords(
    @Ctx() ctx: QueryLogContext,
    @Arg('fileName', () => String) fileName: string,
    @Arg('csv', () => String) csv: string,
    @Arg('agencyId', () => ID, { nullable: true }) agencyId: string | null,
  ): Promise<BureauImportJobType> {
    const viewer = requireRole(ctx, IMPORT_ROLES);
    const name = fileName.split(/[\\/]/).pop()!.trim();
    if (!name || name.length > 200) throw new InputError('INVALID_FILE_NAME', 'Give the file’s name (at most 200 characters).', 'fileName');
    if (!csv.trim()) throw new InputError('EMPTY_FILE', 'The file is empty.', 'csv');
    const agency = agencyId ?? viewer.agencyId;
    if (!/^[0-9a-f-]{36}$/i.test(agency)) throw new InputError('INVALID_AGENCY_ID', 'Name the agency by id.', 'agencyId');
    if (agency !== viewer.agencyId && !viewer.roles.includes('TOP_ADMIN')) throw new ForbiddenError('An agency admin imports the records of their own agency only.');
    // A top admin may name any agency — of their own city only (UNKNOWN_AGENCY, before the job exists).
    if (agency !== viewer.agencyId) await ctx.scope.independent(viewer.cityId, (manager) => requireAgencyOfCity(manager, viewer.cityId, agency));
    // Asked before the job exists: user names in the file are matched to the accounts the importer can see.
    const directory = await ctx.services.platform.visibleAccounts({ principal: viewer, delegationToken: ctx.delegationToken });
    const bytes = Buffer.from(csv, 'utf8');
    // The job row is committed at once (its own short transaction), so the console can poll it while the import runs.
    const job = await ctx.scope.independent(viewer.cityId, (manager) =>
      insertJob(manager, { id: randomUUID(), cityId: viewer.cityId, agencyId: agency, startedBy: viewer.accountId, fileName: name, totalBytes: bytes.length }, ctx.now),
    );
    void ctx.services.imports
      .enqueue({
        job,
        directory,
        source: async function* () {
          for (let offset = 0; offset < bytes.length; offset += 64 * 1024) yield bytes.subarray(offset, offset + 64 * 1024);
        },
      })
      .catch((error) => console.error('[query-log] import could not run', error));
    return presentJob(job);
  }

  @Query(() => BureauImportJobType, { nullable: true, description: 'One import job, for its progress and outcome.' })
  async bureauImportJob(@Ctx() ctx: QueryLogContext, @Arg('id', () => ID) id: string): Promise<BureauImportJobType | null> {
    const viewer = requireRole(ctx, IMPORT_ROLES);
    const job = await findJob(await ctx.scope.manager(viewer.cityId), viewer.cityId, id);
    if (!job || (job.agencyId !== viewer.agencyId && !viewer.roles.includes('TOP_ADMIN'))) return null;
    return presentJob(currentView(job, ctx.now));
  }

  @Query(() => [BureauImportJobType], { description: 'Recent imports of your agency (a top admin: of the city), newest first.' })
  async bureauImportJobs(@Ctx() ctx: QueryLogContext, @Arg('first', () => Int, { defaultValue: 20 }) first: number): Promise<BureauImportJobType[]> {
    const viewer = requireRole(ctx, IMPORT_ROLES);
    if (first < 1 || first > 100) throw new InputError('INVALID_PAGE_SIZE', 'Ask for between 1 and 100 at a time.', 'first');
    const jobs = await listJobs(await ctx.scope.manager(viewer.cityId), viewer.cityId, viewer.roles.includes('TOP_ADMIN') ? null : viewer.agencyId, first);
    return jobs.map((job) => presentJob(currentView(job, ctx.now)));
  }
}
