import type { AccountPrincipal } from '@custos/auth';
import { DomainError, ForbiddenError, InputError } from '@custos/federation';
import { sampleSize, type IsoDate } from '@custos/rules';
import { hasAnyRole } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { cityService } from '../shared/city-rules';
import { countStrata, drawAndStoreSample, type PopulationScope } from './audit-draw';
import { planAudit } from './audit-period';
import { CURRENT_DRAW_METHOD, drawMethod } from './draw-method';
import { auditDrawers } from './audit.policy';
import type { AuditEntity, StratumDimension } from './audit.entity';
import { allocateSample, type StratumCount } from './stratification';

/*
 * Plain SQL, no entity classes: the sampling benchmark runs this command outside the subgraph.
 */

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Attempts before giving up on a population that keeps changing while it is drawn from. */
const DRAW_ATTEMPTS = 3;

export interface DrawInput {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  agencyId?: string | null;
  unitId?: string | null;
  stratifyBy?: StratumDimension[] | null;
  service?: string | null;
}

function checkId(value: string | null | undefined, field: string): string | null {
  if (!value) return null;
  if (!UUID_PATTERN.test(value)) throw new InputError('INVALID_ID', `"${value}" is not an id.`, field);
  return value.toLowerCase();
}

/** The sample size the rule asks for, and how it splits over the strata. */
export function quotaFor(rule: AuditEntity['samplingRule'], strata: StratumCount[], stratified: boolean): { size: number; quota: Map<string, number> } {
  const total = strata.reduce((sum, s) => sum + s.count, 0);
  // Changhua 8(一): 10%, min 30, max 100, all if fewer than 30; Tainan 8(一): ≥3% and ≥10, all if fewer than 10.
  // Without a sampling rule every record is checked.
  const size = rule ? sampleSize(rule, total) : total;
  return { size, quota: stratified ? allocateSample(size, strata) : new Map([['', size]]) };
}

/**
 * Draws the sample of an audit of a period by the city's rule and stores it with the seed, the rule
 * version and the population's SHA-256 — one audit per period and scope.
 */
export async function drawAuditSample(manager: EntityManager, cityId: string, viewer: AccountPrincipal, input: DrawInput, today: IsoDate): Promise<AuditEntity> {
  const service = cityService(cityId, input.service);
  const plan = planAudit(cityId, service, input.periodStart, input.periodEnd, today);
  const drawers = auditDrawers(plan.version);
  if (!hasAnyRole(viewer, drawers)) throw new ForbiddenError(`Drawing an audit sample needs one of these roles: ${drawers.join(', ')}.`, { requiredRoles: drawers });
  const agencyId = checkId(input.agencyId, 'agencyId');
  const unitId = checkId(input.unitId, 'unitId');
  const stratifyBy = [...new Set(input.stratifyBy ?? [])].sort() as StratumDimension[];
  const scope: PopulationScope = { cityId, periodStart: plan.periodStart, periodEnd: plan.periodEnd, agencyId, unitId };

  const existing: Array<{ id: string; drawn_at: Date }> = await manager.query(
    `SELECT id, drawn_at FROM audit.audit
      WHERE city_id = $1 AND service = $2 AND period_start = $3 AND period_end = $4
        AND agency_id IS NOT DISTINCT FROM $5::uuid AND unit_id IS NOT DISTINCT FROM $6::uuid`,
    [cityId, service, plan.periodStart, plan.periodEnd, agencyId, unitId],
  );
  if (existing[0]) {
    // One draw per period and scope: drawing again with a new seed would let the auditor choose the sample.
    throw new DomainError('AUDIT_EXISTS', `This period was already drawn on ${existing[0].drawn_at.toISOString().slice(0, 10)}; open that audit instead.`, {
      auditId: existing[0].id,
    });
  }

  const id = randomUUID();
  // New audits are drawn by the current method; the audit records which, so it is verified by it for good.
  const method = CURRENT_DRAW_METHOD;
  const seed = drawMethod(method).newSeed();
  for (let attempt = 1; attempt <= DRAW_ATTEMPTS; attempt++) {
    const strata = await countStrata(manager, scope, stratifyBy);
    const populationCount = strata.reduce((sum, s) => sum + s.count, 0);
    const { size, quota } = quotaFor(plan.rule, strata, stratifyBy.length > 0);
    const drawn = await drawAndStoreSample(manager, id, scope, stratifyBy, { method, seed }, quota, strata, populationCount);
    if (drawn.populationCount !== populationCount) continue; // records arrived between the count and the draw: nothing stored
    if (drawn.stored !== size) throw new Error(`stored ${drawn.stored} sampled records, expected ${size}`);
    const audit: AuditEntity = {
      id,
      cityId,
      service,
      ruleVersionId: plan.version.id,
      method: plan.method,
      samplingRule: plan.rule,
      samplingCitation: plan.citation,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      agencyId,
      unitId,
      stratifyBy,
      drawMethod: method,
      seed,
      populationCount,
      populationHash: drawn.populationHash,
      sampleSize: size,
      drawnBy: viewer.accountId,
      drawnAt: new Date(),
    };
    await manager.query(
      `INSERT INTO audit.audit (id, city_id, service, rule_version_id, method, sampling_rule, sampling_citation, period_start, period_end, agency_id, unit_id,
                                stratify_by, draw_method, seed, population_count, population_hash, sample_size, drawn_by, drawn_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [
        audit.id,
        audit.cityId,
        audit.service,
        audit.ruleVersionId,
        audit.method,
        audit.samplingRule ? JSON.stringify(audit.samplingRule) : null,
        audit.samplingCitation,
        audit.periodStart,
        audit.periodEnd,
        audit.agencyId,
        audit.unitId,
        audit.stratifyBy,
        audit.drawMethod,
        audit.seed,
        audit.populationCount,
        audit.populationHash,
        audit.sampleSize,
        audit.drawnBy,
        audit.drawnAt,
      ],
    );
    return audit;
  }
  throw new DomainError('POPULATION_CHANGING', 'Records of this period were still being added while the sample was drawn; please try again.');
}
