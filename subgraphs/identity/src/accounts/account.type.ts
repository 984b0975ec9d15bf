import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ROLES } from '@custos/auth';

export const RoleGraphQLEnum = Object.fromEntries(ROLES.map((role) => [role, role])) as Record<string, string>;
registerEnumType(RoleGraphQLEnum, {
  name: 'Role',
  description: "Platform roles; each city's local titles map onto these (see the city's rule profile).",
});

@Directive('@key(fields: "id")')
@ObjectType('Account', { description: "A person's account in one agency, with its roles." })
export class AccountType {
  @Field(() => ID) id!: string;
  @Field(() => String) username!: string;
  @Field(() => [RoleGraphQLEnum], { description: 'Roles this account holds in its agency.' }) roles!: string[];
  @Field(() => String, { description: 'ACTIVE, SUSPENDED or REVOKED.' }) status!: string;
  @Field(() => Date, { nullable: true, description: 'When this account last logged in.' }) lastLoginAt!: Date | null;
  @Field(() => ID, { description: 'The agency the account belongs to.' }) agencyId!: string;
  @Field(() => ID, { nullable: true, description: 'The unit (科室) the account belongs to, if any.' }) unitId!: string | null;
  @Field(() => String, { nullable: true, description: 'Why the status last changed.' }) statusReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the status last changed.' }) statusChangedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'A scheduled revocation (YYYY-MM-DD): a move or departure date, or an admin handover.' })
  revokeOn!: string | null;
  @Field(() => Date, { nullable: true, description: 'Until when password login is locked after too many failed attempts (an admin may end it early with unlockAccount); null when not locked.' })
  lockedUntil!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String, { description: "PERSONAL (an official's own) or SERVICE (a reporting tool's, under its person's responsibility)." }) kind!: string;
  // Resolved by field resolvers from these ids (not exposed).
  cityId!: string;
  personId!: string;
}

@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Cursor pagination state.' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@ObjectType('AccountConnection', { description: 'A page of accounts, sorted by username.' })
export class AccountConnection {
  @Field(() => [AccountType]) nodes!: AccountType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'All accounts matching, across pages.' }) totalCount!: number;
}
