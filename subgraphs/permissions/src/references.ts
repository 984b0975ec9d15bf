import type { ReferenceResolvers } from '@custos/federation';
import type { PermissionsContext } from './context';

/**
 * An Account reference needs no lookup here: its fields load through loaders bound to the caller's
 * city, so another city's account id resolves to no grants. Anonymous callers resolve nothing.
 */
export const permissionsReferenceResolvers: ReferenceResolvers = {
  // Rules are public law: any caller may read a city's rule status.
  City: {
    __resolveReference(reference: { id: string }) {
      return { id: reference.id };
    },
  },
  Account: {
    __resolveReference(reference: { id: string }, ctx: PermissionsContext) {
      return ctx.principal.kind === 'account' ? { id: reference.id } : null;
    },
  },
};
