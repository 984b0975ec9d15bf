import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('QueryItem', { description: 'A grantable query item of a WebIR service, identified by (service, code, lookup key).' })
export class QueryItemType {
  @Field(() => ID, { description: '"<service>:<code>:<lookup key>", e.g. "labor-insurance:C0401:business-number".' }) key!: string;
  @Field(() => String) service!: string;
  @Field(() => String, { description: 'The form code, e.g. C0101 (the same code can mean different things in the two services).' }) code!: string;
  @Field(() => Boolean, { description: 'True when the form prints no code and the platform assigned one.' }) codeIsPlaceholder!: boolean;
  @Field(() => String) lookupKey!: string;
  @Field(() => String, { description: 'Name as printed on the form (zh-TW).' }) name!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String) citation!: string;
}
