import type { IncomingHttpHeaders } from 'node:http';
import type { SimState } from './state.ts';

/** The app and user a request's bearer token belongs to, as far as the traffic rules need them. */
export interface TrafficCaller {
  clientId: string;
  /** Absent for client-credentials tokens. */
  userId: string | undefined;
}

/**
 * Who sent a Web API request, from its bearer token; `undefined` without a token the simulator issued
 * (Spotify cannot bill an unknown token to an app either). An expired token still names its app.
 */
export function trafficCallerOf(state: SimState, headers: IncomingHttpHeaders): TrafficCaller | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  const token = match?.[1] === undefined ? undefined : state.tokens.findAccessToken(match[1]);
  return token && { clientId: token.clientId, userId: token.userId };
}
