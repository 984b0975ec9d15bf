import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context';
import { CertificateChallengeType, CertificateLoginInput, PasswordLoginInput, SessionType } from './session.type';

@Resolver()
export class LoginResolver {
  @Mutation(() => SessionType, { description: "Password login, only where the city's rules allow it." })
  loginWithPassword(@Ctx() ctx: IdentityContext, @Arg('input', () => PasswordLoginInput) input: PasswordLoginInput): Promise<SessionType> {
    return ctx.services.login.loginWithPassword(ctx.scope, input, ctx.now);
  }

  @Mutation(() => CertificateChallengeType, { description: 'Step 1 of certificate login: a one-time challenge to sign.' })
  requestCertificateChallenge(@Ctx() ctx: IdentityContext, @Arg('cityId', () => ID) cityId: string): Promise<CertificateChallengeType> {
    return ctx.services.login.requestCertificateChallenge(cityId, ctx.now);
  }

  @Mutation(() => SessionType, { description: 'Step 2 of certificate login: the certificate and its signature over the challenge.' })
  loginWithCertificate(@Ctx() ctx: IdentityContext, @Arg('input', () => CertificateLoginInput) input: CertificateLoginInput): Promise<SessionType> {
    return ctx.services.login.loginWithCertificate(ctx.scope, input, ctx.now);
  }
}
