export * from './principal';
export * from './keys';
export * from './errors';
export * from './access-token';
export * from './canonical';
export * from './gateway-assertion';
export * from './certificates';
export type { JWK, JSONWebKeySet } from 'jose';
export * from './delegation';
