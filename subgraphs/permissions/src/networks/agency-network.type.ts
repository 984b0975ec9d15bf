import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('AgencyNetwork', { description: "A network of an agency's office premises (辦公場所): where the rules forbid querying elsewhere (Taipei 6(三)), queries must come from one." })
export class AgencyNetworkType {
  @Field(() => ID) id!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => String, { description: 'CIDR, e.g. "10.20.0.0/16".' }) network!: string;
  @Field(() => String) label!: string;
  @Field(() => Date) addedAt!: Date;
  @Field(() => Date, { nullable: true }) removedAt!: Date | null;
}
