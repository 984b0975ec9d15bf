import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import type { SubjectKind } from '../identifiers/subject';
import { SubjectKindEnum } from '../requests/query-request.input';

export const RegisterScopeEnum = { OWN: 'OWN', UNIT: 'UNIT', AGENCY: 'AGENCY' } as const;
export type RegisterScope = keyof typeof RegisterScopeEnum;
registerEnumType(RegisterScopeEnum, { name: 'RegisterScope', description: 'OWN: your own queries; UNIT: your unit’s (unit admin); AGENCY: your agency’s (agency admin).' });

@InputType('RegisterFilterInput', { description: 'Filters of the query register; all optional, combined with AND.' })
export class RegisterFilterInput {
  @Field(() => Date, { nullable: true, description: 'Queries made at or after this time.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Queries made before this time.' }) to?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Queries made by this account.' }) accountId?: string | null;
  @Field(() => String, { nullable: true, description: 'One query item key.' }) itemKey?: string | null;
  @Field(() => String, { nullable: true, description: '案件編號, exactly.' }) caseNumber?: string | null;
  @Field(() => SubjectKindEnum, { nullable: true }) subjectKind?: SubjectKind | null;
  @Field(() => String, { nullable: true, description: 'The subject’s full national ID or business number: matched through its keyed hash, never stored.' }) subject?: string | null;
}
