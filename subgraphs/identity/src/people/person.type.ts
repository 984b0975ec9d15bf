import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Person', { description: 'A government official known to the platform.' })
export class PersonType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Name as shown in the console.' }) displayName!: string;
  @Field(() => String, { description: 'EMPLOYED, MOVED (調職) or DEPARTED (離職).' }) employmentStatus!: string;
  @Field(() => String, { nullable: true, description: 'The day the person moves or leaves (YYYY-MM-DD), once recorded.' }) leftOn!: string | null;
  @Field(() => Boolean, { description: 'Outsourced vendor staff may never hold a querying account (Taipei 5(五)).' }) isVendorStaff!: boolean;
  @Field(() => Boolean, { description: 'Whether a citizen certificate is registered (a prerequisite in every city).' }) certificateRegistered!: boolean;
  // Shown only to the person and to admins, through field resolvers (person.resolver.ts).
  cityId!: string;
  myEGovAccountId!: string | null;
  nationalIdMasked!: string | null;
}
