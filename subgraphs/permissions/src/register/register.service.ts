import { InputError, NotFoundError } from '@custos/federation';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assertPageSize, decodeCursor, pageOf, type PageRequest } from '../common/pagination';
import { BusinessItemEntity } from './business-item.entity';
import { LegalBasisEntity, type LegalBasisCategory, type LegalBasisKind } from './legal-basis.entity';

export const LEGAL_BASIS_KINDS: readonly LegalBasisKind[] = ['law', 'major-policy'];
export const LEGAL_BASIS_CATEGORIES: readonly LegalBasisCategory[] = ['social', 'police', 'traffic', 'health', 'other'];

export interface NewLegalBasis {
  kind: LegalBasisKind;
  category: LegalBasisCategory;
  lawsZh: string | null;
  purposeZh: string;
}

export interface NewBusinessItem {
  agencyId: string;
  unitIds: string[];
  legalBasisId: string;
  nameZh: string;
  purposeZh: string;
  itemKeys: string[];
  registeredAt: Date;
  applicationId: string | null;
}

/** The legal bases and the business-item register (業務項目清冊) of one city. */
export class RegisterService {
  listLegalBases(manager: EntityManager, cityId: string): Promise<LegalBasisEntity[]> {
    return manager.getRepository(LegalBasisEntity).find({ where: { cityId }, order: { category: 'ASC', citation: 'ASC', purposeZh: 'ASC' } });
  }

  findLegalBasis(manager: EntityManager, cityId: string, id: string): Promise<LegalBasisEntity | null> {
    return manager.getRepository(LegalBasisEntity).findOneBy({ cityId, id });
  }

  async createLegalBasis(manager: EntityManager, cityId: string, input: NewLegalBasis, effectiveFrom: string): Promise<LegalBasisEntity> {
    const row = manager.getRepository(LegalBasisEntity).create({ id: randomUUID(), cityId, ...input, citation: null, effectiveFrom, repealedOn: null });
    await manager.getRepository(LegalBasisEntity).insert(row);
    return row;
  }

  /** "Until its basis is repealed": grants under the basis stop counting from that day (the decision reads it). */
  async repealLegalBasis(manager: EntityManager, cityId: string, id: string, on: string): Promise<LegalBasisEntity> {
    const basis = await this.findLegalBasis(manager, cityId, id);
    if (!basis) throw new NotFoundError('The legal basis');
    if (basis.repealedOn !== null) throw new InputError('ALREADY_REPEALED', `This legal basis was already repealed on ${basis.repealedOn}.`, 'id');
    if (on < basis.effectiveFrom) throw new InputError('INVALID_DATE', `A basis cannot be repealed before it took effect (${basis.effectiveFrom}).`, 'on');
    await manager.getRepository(LegalBasisEntity).update({ cityId, id }, { repealedOn: on });
    return { ...basis, repealedOn: on };
  }

  findBusinessItem(manager: EntityManager, cityId: string, id: string): Promise<BusinessItemEntity | null> {
    return manager.getRepository(BusinessItemEntity).findOneBy({ cityId, id });
  }

  findBusinessItems(manager: EntityManager, cityId: string, ids: readonly string[]): Promise<BusinessItemEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(BusinessItemEntity).createQueryBuilder('b').where('b.city_id = :cityId AND b.id = ANY(:ids)', { cityId, ids: [...ids] }).getMany();
  }

  async createBusinessItem(manager: EntityManager, cityId: string, input: NewBusinessItem): Promise<BusinessItemEntity> {
    const row = manager.getRepository(BusinessItemEntity).create({ id: randomUUID(), cityId, ...input, endedAt: null });
    await manager.getRepository(BusinessItemEntity).insert(row);
    return row;
  }

  /** The register, oldest entry first, optionally for one agency. */
  async listBusinessItems(manager: EntityManager, cityId: string, agencyId: string | null, page: PageRequest) {
    assertPageSize(page.first);
    const query = manager.getRepository(BusinessItemEntity).createQueryBuilder('b').where('b.city_id = :cityId', { cityId });
    if (agencyId) query.andWhere('b.agency_id = :agencyId', { agencyId });
    const totalCount = await query.clone().getCount();
    if (page.after) {
      const [registeredAt, id] = decodeCursor(page.after, 2);
      query.andWhere('(b.registered_at, b.id) > (:registeredAt::timestamptz, :id::uuid)', { registeredAt, id });
    }
    const rows = await query.orderBy('b.registered_at', 'ASC').addOrderBy('b.id', 'ASC').limit(page.first + 1).getMany();
    return { ...pageOf(rows, page.first, (row) => [row.registeredAt.toISOString(), row.id]), totalCount };
  }
}
