import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context';
import { CertificateChallengeType, CertificateLoginInput, PasswordLoginInput, SessionType } from './session.type';

@Resolver()
export class LoginResolver {
  @Mutation(() => SessionType, { description: "Password login, only where the city's rules allow it." })
  loginWithPassword(@Ctx() ctx: IdentityContext, @Arg('input', () => PasswordLoginInput) input: PasswordLoginInput): Promise<SessionType> {
    return ctx.services.login.loginWithPassword(ctx.scope, input, ctx.now, ctx.clientAddress ?? null);
  }

  @Mutation(() => CertificateChallengeType, { description: 'Step 1 of certificate login: a one-time challenge to sign.' })
  requestCertificateChallenge(@Ctx() ctx: IdentityContext, @Arg('cityId', () => ID) cityId: string): Promise<CertificateChallengeType> {
    return ctx.services.login.requestCertificateChallenge(cityId, ctx.now, ctx.clientAddress ?? null);
  }

  @Mutation(() => SessionType, { description: 'Step 2 of certificate login: the certificate and its signature over the challenge.' })
  loginWithCertificate(@Ctx() ctx: IdentityContext, @Arg('input', () => CertificateLoginInput) input: CertificateLoginInput): Promise<SessionType> {
    return ctx.services.login.loginWithCertificate(ctx.scope, input, ctx.now, ctx.clientAddress ?? null);
  }

  @Mutation(() => SessionType, { description: 'Exchanges a refresh token (once) for a new access token and refresh token.' })
  refreshSession(@Ctx() ctx: IdentityContext, @Arg('refreshToken', () => String) refreshToken: string): Promise<SessionType> {
    return ctx.services.sessions.refresh(ctx.scope, refreshToken, ctx.now);
  }

  @Mutation(() => Boolean, { description: "Ends the refresh token's session: its access tokens stop working at once. False when it was already over." })
  logout(@Ctx() ctx: IdentityContext, @Arg('refreshToken', () => String) refreshToken: string): Promise<boolean> {
    return ctx.services.sessions.logout(ctx.scope, refreshToken, ctx.now);
  }
}
