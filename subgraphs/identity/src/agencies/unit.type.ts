import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Unit', { description: 'A unit (科室) inside an agency.' })
export class UnitType {
  @Field(() => ID) id!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => String, { description: 'Name in Traditional Chinese.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Name in English.' }) nameEn!: string | null;
}
