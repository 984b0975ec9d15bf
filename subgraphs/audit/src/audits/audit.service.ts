import type { AccountPrincipal } from '@custos/auth';
import { InputError, NotFoundError } from '@custos/federation';
import type { IsoDate } from '@custos/rules';
import { requireAgencyOfCity } from '@custos/tenancy';
import type { EntityManager } from 'typeorm';
import { countStrata, drawSample, type PopulationScope } from './audit-draw';
import { AuditEntity } from './audit.entity';
import { AuditSampleEntity } from './audit-sample.entity';
import { drawAuditSample, quotaFor, UUID_PATTERN, type DrawInput } from './draw-audit-sample.command';

const MAX_SAMPLE_PAGE = 500;

function scopeOf(audit: Pick<AuditEntity, 'cityId' | 'periodStart' | 'periodEnd' | 'agencyId' | 'unitId'>): PopulationScope {
  return { cityId: audit.cityId, periodStart: audit.periodStart, periodEnd: audit.periodEnd, agencyId: audit.agencyId, unitId: audit.unitId };
}

/**
 * Audits of a period: drawing the sample by the city's rule (reproducibly: a stored seed, the rule
 * version, the population's SHA-256), reading it, and drawing it again to show it is the same.
 */
export class AuditService {
  /**
   * Draws and stores the sample of an audit of a period (see draw-audit-sample.command.ts). An agency
   * the caller names must be one of the caller's city (UNKNOWN_AGENCY otherwise, before anything is written).
   */
  async draw(manager: EntityManager, cityId: string, viewer: AccountPrincipal, input: DrawInput, today: IsoDate): Promise<AuditEntity> {
    const named = input.agencyId?.trim();
    if (named && UUID_PATTERN.test(named) && named.toLowerCase() !== viewer.agencyId.toLowerCase()) await requireAgencyOfCity(manager, cityId, named);
    return drawAuditSample(manager, cityId, viewer, input, today);
  }

  async get(manager: EntityManager, cityId: string, id: string): Promise<AuditEntity | null> {
    if (!UUID_PATTERN.test(id)) return null;
    return manager.getRepository(AuditEntity).findOne({ where: { cityId, id } });
  }

  async require(manager: EntityManager, cityId: string, id: string): Promise<AuditEntity> {
    const audit = await this.get(manager, cityId, id);
    if (!audit) throw new NotFoundError('The audit');
    return audit;
  }

  /** The city's audits, newest period first. */
  async list(manager: EntityManager, cityId: string, filter: { periodFrom?: IsoDate | null; periodTo?: IsoDate | null } = {}): Promise<AuditEntity[]> {
    const query = manager.getRepository(AuditEntity).createQueryBuilder('audit').where('audit.city_id = :cityId', { cityId });
    if (filter.periodFrom) query.andWhere('audit.period_end >= :from', { from: filter.periodFrom });
    if (filter.periodTo) query.andWhere('audit.period_start <= :to', { to: filter.periodTo });
    return query.orderBy('audit.period_start', 'DESC').addOrderBy('audit.drawn_at', 'DESC').take(200).getMany();
  }

  /** A page of the sample, in draw order. */
  async sample(manager: EntityManager, cityId: string, auditId: string, page: { afterPosition?: number | null; first: number }): Promise<AuditSampleEntity[]> {
    if (page.first < 1 || page.first > MAX_SAMPLE_PAGE) throw new InputError('INVALID_PAGE_SIZE', `Ask for between 1 and ${MAX_SAMPLE_PAGE} records at a time.`, 'first');
    const query = manager
      .getRepository(AuditSampleEntity)
      .createQueryBuilder('s')
      .where('s.city_id = :cityId AND s.audit_id = :auditId', { cityId, auditId })
      .andWhere('s.position > :after', { after: page.afterPosition ?? 0 });
    return query.orderBy('s.position', 'ASC').take(page.first).getMany();
  }

  /** The whole sample, in draw order (for exports). */
  async allSampled(manager: EntityManager, cityId: string, auditId: string): Promise<AuditSampleEntity[]> {
    return manager.getRepository(AuditSampleEntity).find({ where: { cityId, auditId }, order: { position: 'ASC' } });
  }

  /**
   * Draws the sample again from today's population with the stored method, seed and rule: the same population
   * (same hash) gives the same sample; a different hash shows the register changed since.
   */
  async verify(manager: EntityManager, cityId: string, auditId: string) {
    const audit = await this.require(manager, cityId, auditId);
    const scope = scopeOf(audit);
    const strata = await countStrata(manager, scope, audit.stratifyBy);
    const { quota } = quotaFor(audit.samplingRule, strata, audit.stratifyBy.length > 0);
    const redrawn = await drawSample(manager, scope, audit.stratifyBy, { method: audit.drawMethod, seed: audit.seed }, quota, strata);
    const stored = await manager.getRepository(AuditSampleEntity).find({ where: { cityId, auditId }, order: { position: 'ASC' } });
    const redrawnIds = redrawn.records.map((r) => r.id);
    return {
      auditId,
      populationCount: redrawn.populationCount,
      populationHash: redrawn.populationHash,
      samePopulation: redrawn.populationHash === audit.populationHash && redrawn.populationCount === audit.populationCount,
      sameSample: redrawnIds.length === stored.length && stored.every((s, i) => s.queryRecordId === redrawnIds[i]),
      redrawnRecordIds: redrawnIds,
    };
  }
}
