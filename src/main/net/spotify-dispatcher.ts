import { Agent, Dispatcher, EnvHttpProxyAgent, ProxyAgent } from 'undici';
import type { ProxyInUse } from './explain.ts';
import { parsePacResult } from './pac.ts';
import {
  checkProxyUrl,
  envNoProxy,
  envProxy,
  proxyHostPort,
  type Env,
  type NetworkConfig,
  type ProxySource,
} from './network-config.ts';
import { trustedCas } from './trusted-cas.ts';

export interface SpotifyDispatcherOptions {
  network?: NetworkConfig;
  /** HTTPS_PROXY, HTTP_PROXY, NO_PROXY (and TRAYTUNE_PROXY's source label); never read from process.env. */
  env?: Env;
  /**
   * For `proxy: 'system'`: the system's answer per origin, in PAC form (`"PROXY host:port; DIRECT"`), e.g.
   * from Electron's `session.resolveProxy`. An origin without one goes direct.
   */
  systemProxies?: Readonly<Record<string, string>>;
  /** Where TRAYTUNE_PROXY came from, for messages: an explicit proxy URL is 'TRAYTUNE_PROXY' by default. */
  proxySource?: ProxySource;
  /** TCP + TLS (+ proxy tunnel) connect timeout. Default 10 s. */
  connectTimeoutMs?: number;
  /** Keep-alive connections per origin. Default 4. */
  connections?: number;
  /** Told once per configuration about what could not be honoured (a SOCKS4 proxy, say). */
  warn?: (message: string) => void;
}

interface Route {
  readonly dispatcher: Dispatcher;
  readonly proxy: ProxyInUse | null;
}

interface Plan {
  readonly byOrigin: ReadonlyMap<string, Route>;
  readonly fallback: Route;
  readonly owned: readonly Dispatcher[];
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECTIONS = 4;

/**
 * The one way out to Spotify for the token endpoint and the Web API client: an undici dispatcher that
 * goes through the configured proxy (an explicit one, the environment's, or the system's answer per host)
 * and trusts the OS certificate store plus any extra CAs. `reconfigure` swaps the route (the network
 * changed) without the users of the dispatcher noticing; requests under way finish on the old one.
 */
export class SpotifyDispatcher extends Dispatcher {
  #options: SpotifyDispatcherOptions;
  #plan: Plan;
  #closed = false;
  readonly #forks = new Set<SpotifyDispatcher>();
  /** Routes replaced by `reconfigure` that still finish their requests: closing waits for them too. */
  readonly #draining = new Set<Promise<void>>();
  /** A fork leaves its parent's list when it closes. */
  #onClose: () => void = () => {};

  constructor(options: SpotifyDispatcherOptions = {}) {
    super();
    this.#options = options;
    this.#plan = buildPlan(options);
  }

  /** Builds the routes again (new system proxy answers, a changed setting); the old ones drain and close. */
  reconfigure(options: SpotifyDispatcherOptions): void {
    if (this.#closed) return;
    const old = this.#plan;
    this.#options = options;
    this.#plan = buildPlan(options);
    const closing = closeAll(old.owned);
    this.#draining.add(closing);
    void closing.finally(() => this.#draining.delete(closing));
    for (const fork of this.#forks) fork.reconfigure(options);
  }

  /**
   * A dispatcher of its own on the same routes, for a user that closes it (a Web API client per
   * connection): closing waits for its requests and refuses new ones, as closing a pool does, and leaves
   * this one open. It follows `reconfigure` until it is closed.
   */
  fork(): SpotifyDispatcher {
    const fork = new SpotifyDispatcher(this.#options);
    if (this.#closed) void fork.close();
    else this.#forks.add(fork);
    fork.#onClose = () => this.#forks.delete(fork);
    return fork;
  }

  /** The proxy requests to `origin` go through (for messages), or null when they go direct. */
  proxyFor(origin: string): ProxyInUse | null {
    return this.#route(origin).proxy;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return this.#route(options.origin).dispatcher.dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.#closed = true;
    this.#onClose();
    const done = Promise.all([closeAll([...this.#plan.owned, ...this.#forks]), ...this.#draining]).then(
      () => {},
    );
    if (callback) void done.then(callback);
    else return done;
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
    this.#closed = true;
    this.#onClose();
    const err = typeof first === 'function' ? null : (first ?? null);
    const callback = typeof first === 'function' ? first : second;
    const all = [...this.#plan.owned, ...this.#forks];
    const done = Promise.all(all.map((each) => each.destroy(err))).then(() => {});
    if (callback) void done.then(callback);
    else return done;
  }

  #route(origin: string | URL | undefined): Route {
    const key = originOf(origin);
    return (key !== undefined ? this.#plan.byOrigin.get(key) : undefined) ?? this.#plan.fallback;
  }
}

function buildPlan(options: SpotifyDispatcherOptions): Plan {
  const network = options.network ?? {};
  const env = options.env ?? {};
  const ca = trustedCas(network);
  const timeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const connections = options.connections ?? DEFAULT_CONNECTIONS;
  const tlsOptions = { timeout, ...(ca ? { ca } : {}) };
  const owned: Dispatcher[] = [];
  const made = new Map<string, Route>();
  const direct = (): Route => {
    let route = made.get('direct');
    if (!route) {
      route = { dispatcher: new Agent({ connections, connect: tlsOptions }), proxy: null };
      owned.push(route.dispatcher);
      made.set('direct', route);
    }
    return route;
  };
  const viaProxy = (uri: string, source: ProxySource): Route => {
    let route = made.get(uri);
    if (!route) {
      const hostPort = proxyHostPort(checkProxyUrl(uri, proxyLabel(source)));
      const dispatcher = new ProxyAgent({
        uri,
        connections,
        connectTimeout: timeout,
        requestTls: tlsOptions,
        proxyTls: tlsOptions,
      });
      route = { dispatcher, proxy: { hostPort, source } };
      owned.push(dispatcher);
      made.set(uri, route);
    }
    return route;
  };

  const setting = network.proxy ?? 'env';
  const byOrigin = new Map<string, Route>();
  if (setting === 'direct') return { byOrigin, fallback: direct(), owned };
  if (setting === 'env') {
    const proxy = envProxy(env);
    if (proxy === undefined) return { byOrigin, fallback: direct(), owned };
    const hostPort = proxyHostPort(checkProxyUrl(proxy, 'HTTPS_PROXY'));
    // undici's own NO_PROXY matching; the values are passed in so process.env is never read behind our back.
    const dispatcher = new EnvHttpProxyAgent({
      httpProxy: proxy,
      httpsProxy: proxy,
      noProxy: envNoProxy(env),
      connections,
      connect: tlsOptions,
      connectTimeout: timeout,
      requestTls: tlsOptions,
      proxyTls: tlsOptions,
    });
    owned.push(dispatcher);
    return { byOrigin, fallback: { dispatcher, proxy: { hostPort, source: 'HTTPS_PROXY' } }, owned };
  }
  if (setting === 'system') {
    const skipped = new Set<string>();
    for (const [origin, answer] of Object.entries(options.systemProxies ?? {})) {
      const key = originOf(origin);
      if (key === undefined) continue;
      const choice = parsePacResult(answer);
      for (const each of choice.unsupported) skipped.add(each);
      byOrigin.set(key, choice.route.kind === 'direct' ? direct() : viaProxy(choice.route.url, 'system'));
    }
    if (skipped.size > 0) {
      options.warn?.(
        `The system proxy settings name a proxy Traytune cannot use (${[...skipped].join(', ')}); ` +
          'it connects without it where the settings allow.',
      );
    }
    return { byOrigin, fallback: direct(), owned };
  }
  return { byOrigin, fallback: viaProxy(setting, options.proxySource ?? 'TRAYTUNE_PROXY'), owned };
}

function proxyLabel(source: ProxySource): string {
  return source === 'system' ? 'The system proxy' : source === 'config' ? 'The proxy setting' : source;
}

function originOf(origin: string | URL | undefined): string | undefined {
  if (origin === undefined) return undefined;
  try {
    return new URL(String(origin)).origin;
  } catch {
    return undefined;
  }
}

async function closeAll(dispatchers: readonly Dispatcher[]): Promise<void> {
  await Promise.all(dispatchers.map((each) => each.close().catch(() => {})));
}
