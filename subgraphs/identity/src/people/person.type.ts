import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Person', { description: 'A government official known to the platform.' })
export class PersonType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Name as shown in the console.' }) displayName!: string;
}
