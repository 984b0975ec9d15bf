import type { Principal } from '@custos/auth';
import type { BaseContext } from '@apollo/server';

export interface GatewayContext extends BaseContext {
  principal: Principal;
  clientAddress?: string;
}
