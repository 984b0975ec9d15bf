import { AuthError, GATEWAY_ASSERTION_HEADER, graphqlRequestHash, type GatewayAssertionVerifier } from '@custos/auth';
import type { HttpRoute } from '@custos/federation';
import type { SessionService } from './session.service';

/**
 * GET /internal/revocations?since=<cursor>: the feed the gateway polls (about every second) to
 * refuse the access tokens of revoked or suspended accounts and ended sessions at once.
 *
 * Protected like every subgraph call: the gateway signs an assertion with its own key, bound to
 * this request as graphqlRequestHash('GET /internal/revocations', { since }) — the gateway's
 * gateway/src/revocation-list.ts builds the same hash. Anyone else gets 401.
 */
export const REVOCATION_FEED_PATH = '/internal/revocations';

export function revocationFeedRequestHash(since: string): string {
  return graphqlRequestHash(`GET ${REVOCATION_FEED_PATH}`, { since });
}

export function revocationFeedRoute(sessions: SessionService, verifier: GatewayAssertionVerifier): HttpRoute {
  return {
    method: 'GET',
    path: REVOCATION_FEED_PATH,
    async handle(request, response) {
      const since = new URL(request.url ?? '/', 'http://identity').searchParams.get('since') ?? '';
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        response.end(JSON.stringify(body));
      };
      const header = request.headers[GATEWAY_ASSERTION_HEADER];
      try {
        await verifier.verify(Array.isArray(header) ? header[0] : header, revocationFeedRequestHash(since));
      } catch (error) {
        if (error instanceof AuthError) return send(401, { errors: [{ message: error.message, extensions: { code: error.code } }] });
        throw error;
      }
      if (since !== '' && !/^\d{1,20}$/.test(since)) return send(400, { errors: [{ message: 'since must be a cursor from an earlier answer', extensions: { code: 'BAD_REQUEST' } }] });
      send(200, await sessions.feed(since === '' ? null : since));
    },
  };
}
