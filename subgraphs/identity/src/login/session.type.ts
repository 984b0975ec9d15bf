import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('Session', { description: 'A signed-in session: send the access token as `Authorization: Bearer <token>`.' })
export class SessionType {
  @Field(() => String) accessToken!: string;
  @Field(() => Date, { description: 'When the access token expires: refresh before then.' }) expiresAt!: Date;
  @Field(() => String, { description: 'Exchange it once for a new session with `refreshSession`; keep it secret. Each refresh token works once.' })
  refreshToken!: string;
  @Field(() => Date, { description: 'The session’s absolute end: after it, log in again.' }) refreshExpiresAt!: Date;
}

@ObjectType('CertificateChallenge', { description: 'A one-time string to sign with the citizen certificate key (RSASSA-PKCS1-v1_5, SHA-256).' })
export class CertificateChallengeType {
  @Field(() => ID) id!: string;
  @Field(() => String) challenge!: string;
  @Field(() => Date) expiresAt!: Date;
}

@InputType('PasswordLoginInput')
export class PasswordLoginInput {
  @Field(() => ID) cityId!: string;
  @Field(() => String) username!: string;
  @Field(() => String) password!: string;
}

@InputType('CertificateLoginInput')
export class CertificateLoginInput {
  @Field(() => ID) challengeId!: string;
  @Field(() => String, { description: 'The citizen certificate, PEM.' }) certificatePem!: string;
  @Field(() => String, { description: 'Signature over the challenge, base64url.' }) signature!: string;
}
