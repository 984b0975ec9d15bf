import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('RuleComparisonCell', { description: "One city's rule on one topic, with the point of its rules that says so." })
export class RuleComparisonCellType {
  @Field(() => ID) cityId!: string;
  @Field(() => Boolean, { description: 'False when no rules are in force in that city on the date (e.g. Taipei after its repeal).' }) inForce!: boolean;
  @Field(() => String, { nullable: true }) versionId!: string | null;
  @Field(() => String) text!: string;
  @Field(() => String, { description: 'e.g. "Changhua 8(一)"; "platform default" where the rules are silent.' }) citation!: string;
}

@ObjectType('RuleComparisonRow', { description: 'One topic of the four-city comparison.' })
export class RuleComparisonRowType {
  @Field(() => ID) id!: string;
  @Field(() => String) topic!: string;
  @Field(() => [RuleComparisonCellType]) cells!: RuleComparisonCellType[];
}

@ObjectType('RuleStatus', { description: "Whether a city's rules for a data service are in force on a date, and which version." })
export class RuleStatusType {
  @Field(() => String, { description: 'labor-insurance or health-insurance.' }) service!: string;
  @Field(() => String, { description: 'The date looked up (Taiwan calendar date, YYYY-MM-DD).' }) date!: string;
  @Field(() => Boolean) inForce!: boolean;
  @Field(() => String, { nullable: true }) versionId!: string | null;
  @Field(() => String, { nullable: true, description: 'First day of the version in force.' }) effectiveFrom!: string | null;
  @Field(() => String, { nullable: true, description: 'Why no rules are in force, e.g. the repeal, in words.' }) message!: string | null;
  @Field(() => String, { nullable: true }) citation!: string | null;
  @Field(() => String, { description: 'Title of the rule document.' }) title!: string;
}

/** The identity subgraph's City, extended here with the city's rules. */
@Directive('@key(fields: "id")')
@ObjectType('City')
export class CityReference {
  @Field(() => ID) id!: string;
}
