import { requireAccount } from '@custos/tenancy';
import { ForbiddenError } from '@custos/federation';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { AnomalyRuleKind, FindingStatus } from '../anomalies/anomaly.type';
import { AUDIT_READERS, mayReadAudits } from '../audits/audit.policy';
import type { AuditContext } from '../context';
import { parseDateArg, taiwanToday } from '../shared/dates';
import { AuditExportType, BinaryFileType, CsvFileType } from './report.type';

function requireReader(ctx: AuditContext) {
  const viewer = requireAccount(ctx);
  if (!mayReadAudits(viewer)) throw new ForbiddenError(`Reports are open to these roles: ${AUDIT_READERS.join(', ')}.`, { requiredRoles: AUDIT_READERS });
  return viewer;
}

@Resolver()
export class ReportResolver {
  @Query(() => CsvFileType, { description: 'The city’s anomaly findings, with their investigations’ outcomes, as CSV.' })
  async findingsCsv(
    @Ctx() ctx: AuditContext,
    @Arg('status', () => FindingStatus, { nullable: true }) status: FindingStatus | null,
    @Arg('rule', () => AnomalyRuleKind, { nullable: true }) rule: AnomalyRuleKind | null,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
  ): Promise<CsvFileType> {
    const viewer = requireReader(ctx);
    const filter = { status, ruleId: rule, from: from ? parseDateArg(from, 'from') : null, to: to ? parseDateArg(to, 'to') : null };
    return ctx.services.reports.findingsCsv(await ctx.scope.manager(viewer.cityId), viewer.cityId, filter, taiwanToday(ctx.now));
  }

  @Query(() => AuditExportType, { description: 'An audit as CSV files for filing, with a manifest of their SHA-256.' })
  async auditExport(@Ctx() ctx: AuditContext, @Arg('auditId', () => ID) auditId: string): Promise<AuditExportType> {
    const viewer = requireReader(ctx);
    return ctx.services.reports.auditExport(await ctx.scope.manager(viewer.cityId), viewer.cityId, auditId, ctx.now);
  }

  @Query(() => BinaryFileType, { description: 'The audit record as a PDF laid out like the city’s form (Tainan 附件四), with the signature blocks and the sampled records.' })
  async auditRecordPdf(@Ctx() ctx: AuditContext, @Arg('auditId', () => ID) auditId: string): Promise<BinaryFileType> {
    const viewer = requireReader(ctx);
    const { data: _data, ...file } = await ctx.services.reports.auditRecordPdf(await ctx.scope.manager(viewer.cityId), viewer.cityId, auditId, ctx.now);
    return file;
  }

  @Query(() => BinaryFileType, { description: 'The archive bundle for filing (Taipei 8(一)5): a zip with the record PDF, the CSVs and a manifest of their SHA-256.' })
  async auditArchive(@Ctx() ctx: AuditContext, @Arg('auditId', () => ID) auditId: string): Promise<BinaryFileType> {
    const viewer = requireReader(ctx);
    return ctx.services.reports.auditArchive(await ctx.scope.manager(viewer.cityId), viewer.cityId, auditId, ctx.now);
  }
}
