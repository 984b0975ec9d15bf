import { InputError } from '@custos/federation';
import { findItem, isServiceId, itemCatalogue, type QueryItem } from '@custos/rules';
import { Arg, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { UserGrantType } from '../grants/user-grant.type';
import { QueryItemType } from './query-item.type';

export function presentItem(item: QueryItem): QueryItemType {
  return { key: item.key, service: item.service, code: item.code, codeIsPlaceholder: item.codeIsPlaceholder, lookupKey: item.lookupKey, name: item.nameZh, nameEn: item.nameEn, citation: item.citation };
}

@Resolver(() => QueryItemType)
export class QueryItemResolver {
  @Query(() => [QueryItemType], { description: 'The query items of a data service (labor-insurance: 19, health-insurance: 13), as in the forms.' })
  queryItems(@Arg('service', () => String) service: string): QueryItemType[] {
    if (!isServiceId(service)) throw new InputError('UNKNOWN_SERVICE', `"${service}" is not a data service; use labor-insurance or health-insurance.`, 'service');
    return itemCatalogue(service).map(presentItem);
  }
}

@Resolver(() => UserGrantType)
export class UserGrantItemResolver {
  @FieldResolver(() => QueryItemType, { nullable: true, description: 'The item granted (null only if the catalogue no longer lists it).' })
  item(@Root() grant: UserGrantType): QueryItemType | null {
    const item = findItem(grant.itemKey);
    return item ? presentItem(item) : null;
  }
}
