import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Agency', { description: 'A government agency (機關) of a city: governing, reviewing, using agency or district office.' })
export class AgencyType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Name in Traditional Chinese.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Name in English.' }) nameEn!: string | null;
  @Field(() => String, { description: 'GOVERNING, REVIEWING, USING, DISTRICT_OFFICE or CENTRAL.' }) kind!: string;
  @Field(() => ID, { nullable: true, description: 'The agency above this one in the hierarchy.' }) parentId!: string | null;
  @Field(() => ID, { nullable: true, description: 'For a commissioned agency (受委託機關): the agency that commissioned it.' })
  commissioningAgencyId!: string | null;
}
