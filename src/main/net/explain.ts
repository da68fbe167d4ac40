import { isIP } from 'node:net';
import { TraytuneNetworkError } from './errors.ts';
import type { ProxySource } from './network-config.ts';

/** The proxy a request went through, for messages: `host:port` and where the setting came from. */
export interface ProxyInUse {
  readonly hostPort: string;
  readonly source: ProxySource;
}

const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

const WHERE: Readonly<Record<ProxySource, string>> = {
  TRAYTUNE_PROXY: 'check TRAYTUNE_PROXY',
  HTTPS_PROXY: 'check HTTPS_PROXY (or HTTP_PROXY, NO_PROXY)',
  system: 'check the proxy settings of your system',
  config: 'check the proxy setting',
};

/**
 * What went wrong on the way to `host`, in words the user can act on, when it was the proxy or the
 * certificate; undefined for anything else (the caller's own "check your connection" then applies).
 * Reads only the error's code, address, port and proxy status: never its message text.
 */
export function explainNetworkFailure(
  error: unknown,
  host: string,
  proxy: ProxyInUse | null,
): TraytuneNetworkError | undefined {
  for (const each of causes(error)) {
    const code = stringField(each, 'code');
    if (code !== undefined && CERTIFICATE_CODES.has(code)) {
      const via = proxy ? ` (through the proxy at ${proxy.hostPort})` : '';
      return new TraytuneNetworkError(
        'untrusted-certificate',
        `The connection to ${host}${via} is not trusted: its certificate is not signed by an authority this ` +
          'computer trusts. If your network inspects HTTPS (a company proxy), add its CA certificate to the ' +
          'system certificate store, then restart Traytune.',
        proxy?.hostPort ?? null,
      );
    }
    if (proxy === null) continue;
    const where = WHERE[proxy.source];
    const status = proxyStatus(each);
    if (status === 407) {
      return new TraytuneNetworkError(
        'proxy-auth-required',
        `The proxy at ${proxy.hostPort} asks for a sign-in (HTTP 407). Put the user name and password in the ` +
          `proxy address (http://user:password@host:port) or ${where}; proxies that sign in with your ` +
          'system account (NTLM, Kerberos) are not supported.',
        proxy.hostPort,
      );
    }
    if (status !== undefined) {
      return new TraytuneNetworkError(
        'proxy-denied',
        `The proxy at ${proxy.hostPort} would not connect to ${host} (HTTP ${status}). Ask your network ` +
          `administrator to allow ${host}, or ${where}.`,
        proxy.hostPort,
      );
    }
    if (code === 'ECONNREFUSED' && matchesProxy(each, proxy)) {
      return new TraytuneNetworkError(
        'proxy-refused',
        `The proxy at ${proxy.hostPort} refused the connection. Check that it is running, or ${where}.`,
        proxy.hostPort,
      );
    }
    if ((code === 'ENOTFOUND' || code === 'EAI_AGAIN') && matchesProxy(each, proxy)) {
      return new TraytuneNetworkError(
        'proxy-not-found',
        `The proxy host of ${proxy.hostPort} could not be found. Check your connection, or ${where}.`,
        proxy.hostPort,
      );
    }
    if (code === 'UND_ERR_PRX_CONN') {
      return new TraytuneNetworkError(
        'proxy-refused',
        `The proxy at ${proxy.hostPort} closed the connection before it reached ${host}. Try again, or ${where}.`,
        proxy.hostPort,
      );
    }
  }
  return undefined;
}

/** The error and its causes (undici wraps socket and TLS errors), at most a few deep. */
function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && out.length < 5 && !out.includes(current)) {
    out.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/** undici's tunnel failure: `Proxy response (407) !== 200 when HTTP Tunneling`. */
function proxyStatus(error: unknown): number | undefined {
  if (stringField(error, 'code') !== 'UND_ERR_ABORTED') return undefined;
  const match = /^Proxy response \((\d{3})\)/.exec(stringField(error, 'message') ?? '');
  return match ? Number(match[1]) : undefined;
}

/** A socket error names where it tried to connect: the proxy's port, and its name or address. */
function matchesProxy(error: unknown, proxy: ProxyInUse): boolean {
  const [host, port] = splitHostPort(proxy.hostPort);
  const errorPort = (error as { port?: number | string }).port;
  if (errorPort !== undefined && String(errorPort) !== port) return false;
  const target = stringField(error, 'hostname') ?? stringField(error, 'address');
  // A proxy given by name connects to an address resolved from it: the port is the evidence then.
  return target === undefined || target === host || isIP(host) === 0;
}

function splitHostPort(hostPort: string): [string, string] {
  const at = hostPort.lastIndexOf(':');
  return [hostPort.slice(0, at).replace(/^\[|\]$/g, ''), hostPort.slice(at + 1)];
}

function stringField(value: unknown, field: string): string | undefined {
  const got = (value as Record<string, unknown> | null)?.[field];
  return typeof got === 'string' ? got : undefined;
}
