import { Field, ID, InputType } from 'type-graphql';
import { RoleGraphQLEnum } from './account.type';

@InputType('NewPersonInput', { description: 'A person not yet known to the city, with the prerequisites every city requires.' })
export class NewPersonInput {
  @Field(() => String) displayName!: string;
  @Field(() => String, { description: 'National ID (身分證字號), checked with the official checksum; kept only as a keyed hash and a masked form.' })
  nationalId!: string;
  @Field(() => String, { nullable: true, description: 'MyEGov official account id (公務帳號).' }) myEGovAccountId?: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 fingerprint of the registered citizen certificate (自然人憑證), hex.' })
  certificateFingerprint?: string | null;
  @Field(() => Boolean, { defaultValue: false, description: 'Outsourced vendor staff: never given a querying role (Taipei 5(五)).' })
  isVendorStaff!: boolean;
}

@InputType('CreateAccountInput')
export class CreateAccountInput {
  @Field(() => ID, { nullable: true, description: 'An existing person of the city; or give `person`.' }) personId?: string | null;
  @Field(() => NewPersonInput, { nullable: true }) person?: NewPersonInput | null;
  @Field(() => ID) agencyId!: string;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => String) username!: string;
  @Field(() => [RoleGraphQLEnum]) roles!: string[];
  @Field(() => String, { description: 'Why (e.g. the approved application form): kept in the change history.' }) reason!: string;
}

@InputType('ChangeAccountInput', { description: 'Only the fields given change. Changing roles or agency ends the account’s sessions.' })
export class ChangeAccountInput {
  @Field(() => ID) accountId!: string;
  @Field(() => [RoleGraphQLEnum], { nullable: true }) roles?: string[] | null;
  @Field(() => ID, { nullable: true }) agencyId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Omit to keep the unit (cleared on a change of agency); null for none.' }) unitId?: string | null;
  @Field(() => String) reason!: string;
}

@InputType('AccountStatusInput')
export class AccountStatusInput {
  @Field(() => ID) accountId!: string;
  @Field(() => String, { description: 'Why: kept in the change history and shown on the account.' }) reason!: string;
}
