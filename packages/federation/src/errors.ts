import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AuthError } from '@custos/auth';

/**
 * A refusal the caller can act on. Services throw these with a stable code and a human message;
 * `formatSubgraphError` turns them into GraphQL errors with `extensions.code` in this one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Bad input: a field that fails validation. `field` lets the console put the message beside the input. */
export class InputError extends DomainError {
  constructor(code: string, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(code, message, { ...details, ...(field ? { field } : {}) });
    this.name = 'InputError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this.', details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Please log in first.') {
    super('UNAUTHENTICATED', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found.`);
  }
}

/** Codes Apollo itself produces for malformed requests; their messages are safe to pass on. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown, options: { exposeInternal: boolean }): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError || original instanceof AuthError) {
    const details = original instanceof DomainError ? original.details : {};
    return { ...formatted, message: original.message, extensions: { ...details, code: original.code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  // Anything else is a bug or an infrastructure failure: never leak SQL, stack traces or internal names.
  if (options.exposeInternal) return formatted;
  return { message: 'Something went wrong on our side. Nothing was saved. Please try again.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
}
