import { NetworkConfigError } from './errors.ts';

/**
 * How Traytune reaches Spotify: which proxy, and which certificate authorities it trusts on top of Node's.
 * Plain data, so the desktop layer, the harness and tests can all make one.
 */
export interface NetworkConfig {
  /**
   * `'env'` (default): HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment. `'system'`: the answers
   * the desktop got from the OS for each Spotify host (`systemProxies`), direct when it has none.
   * `'direct'`: no proxy. Anything else: the address of one proxy for everything (`http://host:port`,
   * `https://…`, `socks5://…`; credentials may be part of it).
   */
  proxy?: ProxySetting;
  /** Extra CA certificates (PEM) trusted for Spotify's hosts: a corporate proxy that inspects HTTPS. */
  ca?: readonly string[];
  /** Also trust the operating system's certificate store (what the browser trusts). Default true. */
  systemCa?: boolean;
}

export type ProxySetting = 'env' | 'system' | 'direct' | (string & {});

export type Env = Readonly<Record<string, string | undefined>>;

/** Where a proxy came from: said in error messages, so the user knows what to fix. */
export type ProxySource = 'TRAYTUNE_PROXY' | 'HTTPS_PROXY' | 'system' | 'config';

const KEYWORDS = new Set(['env', 'system', 'direct']);
const PROXY_PROTOCOLS = new Set(['http:', 'https:', 'socks5:']);

/**
 * The proxy setting for the desktop app: TRAYTUNE_PROXY when set (a URL, `system`, `env` or `direct`),
 * else the environment's proxy when HTTPS_PROXY or HTTP_PROXY is set, else `fallback` (the desktop
 * passes 'system': the OS's proxy settings and PAC file, as the browser uses them).
 */
export function proxySettingFromEnv(env: Env, fallback: ProxySetting = 'env'): ProxySetting {
  const override = env['TRAYTUNE_PROXY']?.trim();
  if (override) {
    const setting = override.toLowerCase();
    if (KEYWORDS.has(setting)) return setting;
    checkProxyUrl(override, 'TRAYTUNE_PROXY');
    return override;
  }
  return envProxy(env) !== undefined ? 'env' : fallback;
}

/** The proxy the environment names for https requests (lower-case names first, as undici reads them). */
export function envProxy(env: Env): string | undefined {
  const value = [env['https_proxy'], env['HTTPS_PROXY'], env['http_proxy'], env['HTTP_PROXY']]
    .map((each) => each?.trim())
    .find((each) => each !== undefined && each !== '');
  return value;
}

/** NO_PROXY as the environment gives it ('' when unset: undici then reads nothing from process.env). */
export function envNoProxy(env: Env): string {
  return (env['no_proxy'] ?? env['NO_PROXY'] ?? '').trim();
}

/** Throws a NetworkConfigError naming `where` unless `value` is a proxy address Traytune can use. */
export function checkProxyUrl(value: string, where: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new NetworkConfigError(
      `${where} is not a proxy address. Use http://host:port (or https://, socks5://), or system, env or direct.`,
    );
  }
  if (!PROXY_PROTOCOLS.has(url.protocol) || url.hostname === '') {
    throw new NetworkConfigError(
      `${where} must be an http://, https:// or socks5:// proxy address with a host, e.g. http://proxy.example:3128.`,
    );
  }
  return url;
}

/** `host:port` of a proxy address, never its credentials. */
export function proxyHostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'socks5:' ? '1080' : '80');
  return `${url.hostname}:${port}`;
}
