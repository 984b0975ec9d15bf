import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { RoleGraphQLEnum } from '../accounts/account.type';

@InputType('CreateServiceAccountInput')
export class CreateServiceAccountInput {
  @Field(() => String, { description: 'Lowercase name; the account is svc.<name>.' }) name!: string;
  @Field(() => ID, { description: 'The employed official who answers for the tool.' }) responsiblePersonId!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => [RoleGraphQLEnum], { description: 'Reading roles only: AUDITOR, ETHICS_OFFICER; BUREAU_OFFICER for a bureau’s (central agency’s) tool.' }) roles!: string[];
  @Field(() => String) reason!: string;
}

@InputType('IssueApiTokenInput')
export class IssueApiTokenInput {
  @Field(() => ID) serviceAccountId!: string;
  @Field(() => String, { description: 'What uses it, e.g. "monthly report".' }) name!: string;
  @Field(() => [RoleGraphQLEnum], { description: 'Some of the service account’s roles.' }) scopes!: string[];
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
  @Field(() => String) reason!: string;
  @Field(() => [ID], { nullable: true, description: 'Issue 9: for a bureau’s service account, the cities the token may read (with readService). Omit for a city’s own token.' })
  readCityIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Issue 9: the WebIR service the token may read across readCityIds: the bureau’s own (labor-insurance or health-insurance).' })
  readService?: string | null;
}

@InputType('RevokeApiTokenInput')
export class RevokeApiTokenInput {
  @Field(() => ID) tokenId!: string;
  @Field(() => String) reason!: string;
}

@ObjectType('ApiToken', { description: 'A service account’s API token (never the secret itself).' })
export class ApiTokenType {
  @Field(() => ID) id!: string;
  @Field(() => ID) serviceAccountId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The first characters of the secret, to tell tokens apart.' }) prefix!: string;
  @Field(() => [RoleGraphQLEnum]) scopes!: string[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true }) revokeReason!: string | null;
  @Field(() => [ID], { nullable: true, description: 'The cities a bureau token may read; null for a city’s own token.' }) readCityIds!: string[] | null;
  @Field(() => String, { nullable: true, description: 'The service a bureau token may read across readCityIds.' }) readService!: string | null;
}

@ObjectType('IssuedApiToken', { description: 'A new API token: `token` is shown this once and cannot be retrieved again.' })
export class IssuedApiTokenType {
  @Field(() => String) token!: string;
  @Field(() => ApiTokenType) apiToken!: ApiTokenType;
}

@ObjectType('ApiTokenSession', { description: 'An access token for a reporting tool: send it as `Authorization: Bearer <token>`; exchange again when it expires.' })
export class ApiTokenSessionType {
  @Field(() => String) accessToken!: string;
  @Field(() => Date) expiresAt!: Date;
}
