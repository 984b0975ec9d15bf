import { Directive, Field, ObjectType } from 'type-graphql';

@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Cursor pagination state.' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}
