import { powerMonitor, session } from 'electron';
import { SPOTIFY_ACCOUNTS_URL, SPOTIFY_API_URL } from '../auth/config.ts';
import {
  NetworkConfigError,
  SpotifyDispatcher,
  proxySettingFromEnv,
  type Env,
  type ProxySetting,
} from '../net/index.ts';

/** How long start-up waits for the system's proxy answers (a PAC file may have to be fetched first). */
const RESOLVE_TIMEOUT_MS = 3_000;

export interface SpotifyNetwork {
  /** The one dispatcher sign-in, refresh and the Web API client use. */
  readonly dispatcher: SpotifyDispatcher;
  /** Stops following the system's proxy settings and closes the dispatcher's connections. */
  stop(): Promise<void>;
}

/**
 * The way out to Spotify for the desktop app. TRAYTUNE_PROXY, else HTTPS_PROXY/HTTP_PROXY/NO_PROXY, else
 * the system's proxy settings as Chromium resolves them (`session.resolveProxy`: manual settings, PAC
 * files, WPAD), asked for Spotify's two hosts at start and again after a wake or an unlock, when the
 * network has often changed. Certificates: Node's store plus the OS store.
 */
export async function startSpotifyNetwork(env: Env): Promise<SpotifyNetwork> {
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    console.warn(`[network] ${message}`);
  };
  let setting: ProxySetting;
  try {
    setting = proxySettingFromEnv(env, 'system');
  } catch (error) {
    if (!(error instanceof NetworkConfigError)) throw error;
    warn(`${error.message} Using the system proxy settings instead.`);
    setting = 'system';
  }
  const network = { proxy: setting, systemCa: true };
  const options = { network, env, warn };
  const dispatcher = new SpotifyDispatcher(options);
  if (setting !== 'system') return { dispatcher, stop: () => dispatcher.close() };

  // Development builds may point at the simulator: resolve the hosts actually used.
  const origins = [
    new URL(env['TRAYTUNE_ACCOUNTS_URL']?.trim() || SPOTIFY_ACCOUNTS_URL).origin,
    new URL(env['TRAYTUNE_API_URL']?.trim() || SPOTIFY_API_URL).origin,
  ];
  let stopped = false;
  let generation = 0;
  let current = '';
  const resolve = async (): Promise<void> => {
    const mine = ++generation;
    const answers = await Promise.all(
      origins.map(async (origin) => {
        try {
          return [origin, await session.defaultSession.resolveProxy(origin)] as const;
        } catch {
          warn(
            `The system proxy settings could not be read for ${new URL(origin).host}; connecting directly.`,
          );
          return [origin, 'DIRECT'] as const;
        }
      }),
    );
    // A later resolution (or the end) wins over one that finished late.
    if (stopped || mine !== generation) return;
    // The same answers keep the same connections.
    const key = JSON.stringify(answers);
    if (key === current) return;
    current = key;
    dispatcher.reconfigure({ ...options, systemProxies: Object.fromEntries(answers) });
  };
  const refresh = () => {
    void resolve();
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    resolve(),
    new Promise<void>((done) => {
      timer = setTimeout(() => {
        warn('The system proxy settings took too long to answer; connecting directly until they do.');
        done();
      }, RESOLVE_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  powerMonitor.on('resume', refresh);
  powerMonitor.on('unlock-screen', refresh);
  return {
    dispatcher,
    stop: async () => {
      stopped = true;
      powerMonitor.off('resume', refresh);
      powerMonitor.off('unlock-screen', refresh);
      await dispatcher.close();
    },
  };
}
