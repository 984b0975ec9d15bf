import { AccountEntity } from './accounts/account.entity';
import { AgencyEntity } from './agencies/agency.entity';
import { UnitEntity } from './agencies/unit.entity';
import { ChangeRecordEntity } from './change-history/change-record.entity';
import { CityEntity } from './cities/city.entity';
import { AdminHandoverEntity } from './handovers/admin-handover.entity';
import { LoginChallengeEntity } from './login/login-challenge.entity';
import { ObligationEventEntity } from './obligations/obligation-event.entity';
import { PersonEntity } from './people/person.entity';
import { AccountReviewEntity, AccountReviewRowEntity } from './reviews/account-review.entity';
import { ApiTokenEntity } from './service-accounts/api-token.entity';
import { SessionEntity, SessionTokenEntity, TokenRevocationEntity } from './sessions/session.entity';

/** Every table the identity subgraph maps. */
export const identityEntities = [
  CityEntity,
  AgencyEntity,
  UnitEntity,
  PersonEntity,
  AccountEntity,
  LoginChallengeEntity,
  ChangeRecordEntity,
  SessionEntity,
  SessionTokenEntity,
  TokenRevocationEntity,
  AdminHandoverEntity,
  ObligationEventEntity,
  AccountReviewEntity,
  AccountReviewRowEntity,
  ApiTokenEntity,
];
