import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('City', { description: 'A city government: one tenant of the platform.' })
export class CityType {
  @Field(() => ID, { description: 'Stable city id, e.g. "taoyuan".' }) id!: string;
  @Field(() => String, { description: 'Name in Traditional Chinese, e.g. 桃園市.' }) name!: string;
  @Field(() => String, { description: 'Name in English.' }) nameEn!: string;
  @Field(() => Boolean, { description: "Whether the city's rules in force today allow password login." }) passwordLoginAllowed!: boolean;
  @Field(() => String, { nullable: true, description: 'Citation of the login rule, e.g. "Changhua 4(二)".' }) loginRuleCitation?: string | null;
}
