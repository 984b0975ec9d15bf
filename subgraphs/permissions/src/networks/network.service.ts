import { InputError, NotFoundError } from '@custos/federation';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { EntityManager } from 'typeorm';
import { AgencyNetworkEntity } from './agency-network.entity';

function addressBits(address: string, family: 4 | 6): bigint {
  if (family === 4) return address.split('.').reduce((bits, part) => (bits << 8n) | BigInt(Number(part)), 0n);
  const [head = '', tail = ''] = address.split('::');
  const parse = (text: string) => (text ? text.split(':') : []);
  const groups = address.includes('::') ? [...parse(head), ...Array(8 - parse(head).length - parse(tail).length).fill('0'), ...parse(tail)] : parse(address);
  return groups.reduce((bits, group) => (bits << 16n) | BigInt(parseInt(group || '0', 16)), 0n);
}

/** "10.20.0.0/16" or a single address; the host bits must be zero (as PostgreSQL's cidr requires). */
export function parseNetwork(value: string): string {
  const [base = '', prefixText, extra] = value.trim().split('/');
  const family = isIP(base);
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (family === 0 || (family === 6 && base.includes('.')) || extra !== undefined || !/^\d+$/.test(prefixText ?? String(max)) || prefix > max) {
    throw new InputError('INVALID_NETWORK', `"${value}" is not a network in CIDR notation, e.g. 10.20.0.0/16.`, 'network');
  }
  const hostBits = BigInt(max - prefix);
  if (hostBits > 0n && (addressBits(base, family as 4 | 6) & ((1n << hostBits) - 1n)) !== 0n) {
    throw new InputError('INVALID_NETWORK', `"${value}" has host bits set; use the network's first address (e.g. 10.20.0.0/16).`, 'network');
  }
  return `${base}/${prefix}`;
}

/** The office networks of agencies (configured data), ended rather than deleted. */
export class NetworkService {
  list(manager: EntityManager, cityId: string, agencyId: string): Promise<AgencyNetworkEntity[]> {
    return manager
      .getRepository(AgencyNetworkEntity)
      .createQueryBuilder('n')
      .where('n.city_id = :cityId AND n.agency_id = :agencyId AND n.removed_at IS NULL', { cityId, agencyId })
      .orderBy('n.added_at', 'ASC')
      .getMany();
  }

  async add(manager: EntityManager, cityId: string, input: { agencyId: string; network: string; label: string; at: Date }): Promise<AgencyNetworkEntity> {
    const label = input.label.trim();
    if (label.length === 0 || label.length > 100) throw new InputError('LABEL_REQUIRED', 'Name the premises (1 to 100 characters), e.g. "City Hall 3F".', 'label');
    const network = parseNetwork(input.network);
    const row: AgencyNetworkEntity = { id: randomUUID(), cityId, agencyId: input.agencyId, network, label, addedAt: input.at, removedAt: null };
    await manager.getRepository(AgencyNetworkEntity).insert(row);
    return row;
  }

  async remove(manager: EntityManager, cityId: string, id: string, at: Date): Promise<AgencyNetworkEntity> {
    const row = await manager.getRepository(AgencyNetworkEntity).findOneBy({ cityId, id });
    if (!row || row.removedAt !== null) throw new NotFoundError('The office network');
    await manager.getRepository(AgencyNetworkEntity).update({ cityId, id }, { removedAt: at });
    return { ...row, removedAt: at };
  }

  find(manager: EntityManager, cityId: string, id: string): Promise<AgencyNetworkEntity | null> {
    return manager.getRepository(AgencyNetworkEntity).findOneBy({ cityId, id });
  }
}
