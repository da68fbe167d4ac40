import type { ClockSource } from './clock.ts';
import type { ContractViolation, OpenApiContract } from './openapi-contract.ts';

export type RotationMode = 'rotate' | 'never';

export interface SimulatorOptions {
  clock?: ClockSource;
  /** 0 or absent = a free port. */
  port?: number;
  /** Register the seed app and user (default true). */
  seed?: boolean;
  /** Check every response on a route openapi.yml describes; failures land in `contractViolations`. */
  contract?: OpenApiContract;
}

export interface AppRegistration {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  /** `undefined` = everyone. */
  allowListedUserIds?: string[];
  /** Shown on the consent page. */
  name?: string;
  /** Development mode (default) hides `product`, `email`, `country`, `followers` from /me. */
  mode?: 'development' | 'extended';
}

export interface UserRegistration {
  id: string;
  displayName?: string;
  /** Default true. */
  premium?: boolean;
  email?: string;
  country?: string;
}

export interface Fault {
  method?: string;
  /** Exact request path, e.g. `/api/token` or `/v1/me`. */
  path: string;
  status?: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Spotify error `reason` (Web API) or OAuth `error` (accounts paths). */
  reason?: string;
  message?: string;
  /** Raw body to send instead of an error body. */
  body?: string;
  /** Real-time delay before answering. */
  delayMs?: number;
  /** Destroy the socket without an answer. */
  reset?: boolean;
  /** Default 1; Infinity allowed. */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** Secrets (`code`, `code_verifier`, tokens, `client_secret`) are replaced by `[redacted]`. */
  query: Record<string, string>;
  /** 0 when the connection was reset by a fault. */
  status: number;
  /** Simulator clock when the request arrived. */
  at: number;
}

export interface RequestLogView {
  readonly entries: readonly LoggedRequest[];
  count(filter?: { method?: string; path?: string }): number;
  reset(): void;
}

export interface Simulator {
  url: string;
  accountsUrl: string;
  apiUrl: string;
  clock: { now(): number; advance(ms: number): void; set(ms: number): void };
  registerApp(app: AppRegistration): void;
  addUser(user: UserRegistration): void;
  setConsentUser(userId: string): void;
  setRotation(mode: RotationMode): void;
  revokeRefreshTokens(userId?: string): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  requests: RequestLogView;
  connections: { count(): number; reset(): void };
  /** Responses that broke openapi.yml (only recorded when `options.contract` was given). */
  readonly contractViolations: readonly ContractViolation[];
  close(): Promise<void>;
}
