import type { ReferenceResolvers } from '@custos/federation';
import { presentAccount } from './accounts/account.presenter';
import type { IdentityContext } from './context';
import { presentPerson } from './people/person.presenter';

/**
 * Entity references from other subgraphs. type-graphql's middlewares do not wrap these, so each one
 * checks the caller itself: anonymous callers resolve nothing, and the loaders are bound to the
 * caller's city (and row-level security), so another city's id resolves to null.
 */
export const identityReferenceResolvers: ReferenceResolvers = {
  Account: {
    async __resolveReference(reference: { id: string }, ctx: IdentityContext) {
      if (!ctx.loaders) return null;
      const account = await ctx.loaders.accounts.load(reference.id);
      return account ? presentAccount(account) : null;
    },
  },
  Agency: {
    async __resolveReference(reference: { id: string }, ctx: IdentityContext) {
      return ctx.loaders ? ctx.loaders.agencies.load(reference.id) : null;
    },
  },
  Person: {
    async __resolveReference(reference: { id: string }, ctx: IdentityContext) {
      const person = ctx.loaders ? await ctx.loaders.people.load(reference.id) : null;
      return person ? presentPerson(person) : null;
    },
  },
  City: {
    async __resolveReference(reference: { id: string }, ctx: IdentityContext) {
      return ctx.cities.load(reference.id);
    },
  },
};
