import type { ReferenceResolvers } from '@custos/federation';
import type { PermissionsContext } from './context';

/**
 * An Account reference needs no lookup here: its fields load through loaders bound to the caller's
 * city, so another city's account id resolves to no grants. The fields queryDecision @requires come
 * with the representation (from identity, through the gateway) and are passed on. Anonymous callers
 * resolve nothing.
 */
export const permissionsReferenceResolvers: ReferenceResolvers = {
  // Rules are public law: any caller may read a city's rule status.
  City: {
    __resolveReference(reference: { id: string }) {
      return { id: reference.id };
    },
  },
  Account: {
    __resolveReference(reference: { id: string; status?: string; isVendorStaff?: boolean; agencyId?: string; unitId?: string | null }, ctx: PermissionsContext) {
      if (ctx.principal.kind !== 'account') return null;
      return { id: reference.id, status: reference.status, isVendorStaff: reference.isVendorStaff, agencyId: reference.agencyId, unitId: reference.unitId };
    },
  },
};
