/**
 * Errors of the network layer: each has a kebab-case code and a message the user can act on. They name a
 * proxy by host and port only (never its credentials) and never hold a request, a token or a header.
 */

export const NETWORK_ERROR_CODES = [
  'network-config',
  'proxy-refused',
  'proxy-not-found',
  'proxy-auth-required',
  'proxy-denied',
  'untrusted-certificate',
] as const;

export type NetworkErrorCode = (typeof NETWORK_ERROR_CODES)[number];

export class TraytuneNetworkError extends Error {
  readonly code: NetworkErrorCode;
  /** The proxy involved, as `host:port`, when there is one. */
  readonly proxy: string | null;

  constructor(code: NetworkErrorCode, message: string, proxy: string | null = null) {
    super(message);
    this.name = 'TraytuneNetworkError';
    this.code = code;
    this.proxy = proxy;
  }
}

/** A proxy setting that cannot be used (TRAYTUNE_PROXY, a PAC answer, the config). */
export class NetworkConfigError extends TraytuneNetworkError {
  constructor(message: string) {
    super('network-config', message);
    this.name = 'NetworkConfigError';
  }
}
