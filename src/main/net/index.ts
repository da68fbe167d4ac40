/** Public API of the network layer (plain Node, no Electron): proxies, trusted CAs, failure messages. */
export { NetworkConfigError, TraytuneNetworkError } from './errors.ts';
export { explainNetworkFailure } from './explain.ts';
export { proxySettingFromEnv, type Env, type ProxySetting } from './network-config.ts';
export { parsePacResult } from './pac.ts';
export { SpotifyDispatcher, type SpotifyDispatcherOptions } from './spotify-dispatcher.ts';
export { trustedCas } from './trusted-cas.ts';
