import type { AccountService } from './accounts/account.service';
import type { CityService } from './cities/city.service';
import type { LoginService } from './login/login.service';

/** The identity subgraph's services, built once at boot and shared by every request. */
export interface IdentityServices {
  cities: CityService;
  accounts: AccountService;
  login: LoginService;
}
