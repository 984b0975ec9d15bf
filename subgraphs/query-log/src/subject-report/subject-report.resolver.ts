import { requireRole } from '@custos/tenancy';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { QueryLogContext } from '../context';
import { DataSubjectReportInput, DataSubjectReportType } from './subject-report.types';

/** The city's officers who answer citizens' data-subject requests. */
const SUBJECT_REPORT_ROLES = ['TOP_ADMIN', 'AGENCY_ADMIN', 'AUDITOR', 'ETHICS_OFFICER'] as const;

@Resolver()
export class SubjectReportResolver {
  @Mutation(() => DataSubjectReportType, {
    description:
      'Produces a data-subject report ("who looked at my data"): every recorded query of the citizen’s data in your city — when, agency, unit, item, purpose, case number; never the official. The report is logged. For TOP_ADMIN, AGENCY_ADMIN, AUDITOR or ETHICS_OFFICER.',
  })
  async produceDataSubjectReport(@Ctx() ctx: QueryLogContext, @Arg('input', () => DataSubjectReportInput) input: DataSubjectReportInput): Promise<DataSubjectReportType> {
    const viewer = requireRole(ctx, SUBJECT_REPORT_ROLES);
    return ctx.services.subjectReports.produce(ctx.scope, viewer.cityId, viewer, input, ctx.now);
  }
}
