import { createAccessTokenSigner, publicPart, type JWK } from '@custos/auth';
import { startScopedSubgraph, type RunningScopedSubgraph } from '@custos/tenancy';
import type { Logger } from 'typeorm';
import { AccountEntity } from './accounts/account.entity';
import { AccountService } from './accounts/account.service';
import { AgencyEntity } from './agencies/agency.entity';
import { CityEntity } from './cities/city.entity';
import { CityService } from './cities/city.service';
import { createIdentityContext } from './context';
import type { IdentityConfig } from './env';
import { LoginChallengeEntity } from './login/login-challenge.entity';
import type { LoginPolicies } from './login/login-policy';
import { LoginService } from './login/login.service';
import { rulesLoginPolicies } from './login/rules-login-policies';
import { PersonEntity } from './people/person.entity';
import { buildIdentitySchema } from './schema';
import type { IdentityServices } from './services';

export const identityEntities = [CityEntity, AgencyEntity, PersonEntity, AccountEntity, LoginChallengeEntity];

function splitPemBundle(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

export async function startIdentity(config: IdentityConfig, options: { logger?: Logger; loginPolicies?: LoginPolicies } = {}): Promise<RunningScopedSubgraph> {
  const policies = options.loginPolicies ?? rulesLoginPolicies;
  const tokens = await createAccessTokenSigner(config.IDENTITY_SIGNING_KEY as JWK);
  // Public keys only: the gateway verifies access tokens against this set.
  const jwks = JSON.stringify({ keys: [publicPart(config.IDENTITY_SIGNING_KEY as JWK)] });
  let services: IdentityServices | undefined;
  return startScopedSubgraph({
    name: 'identity',
    schemaName: 'identity',
    config,
    entities: identityEntities,
    logger: options.logger,
    buildSchema: buildIdentitySchema,
    createContext: (dataSource, verified) => {
      services ??= createServices();
      return createIdentityContext(dataSource, services, verified);
      function createServices(): IdentityServices {
        const cities = new CityService(dataSource, policies);
        return {
          cities,
          accounts: new AccountService(),
          login: new LoginService({
            dataSource,
            cities,
            policies,
            tokens,
            trustedCaPems: splitPemBundle(config.TRUSTED_CA_CERTIFICATES),
            accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
            challengeTtlSeconds: config.CERTIFICATE_CHALLENGE_TTL_SECONDS,
          }),
        };
      }
    },
    routes: [
      {
        method: 'GET',
        path: '/.well-known/jwks.json',
        handle: (_request, response) => {
          response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
          response.end(jwks);
        },
      },
    ],
  });
}
