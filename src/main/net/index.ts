/** Public API of the network layer (plain Node, no Electron): proxies, trusted CAs, failure messages. */
export { NetworkConfigError, TraytuneNetworkError, type NetworkErrorCode } from './errors.ts';
export { explainNetworkFailure, type ProxyInUse } from './explain.ts';
export {
  checkProxyUrl,
  envNoProxy,
  envProxy,
  proxyHostPort,
  proxySettingFromEnv,
  type Env,
  type NetworkConfig,
  type ProxySetting,
  type ProxySource,
} from './network-config.ts';
export { parsePacResult, type PacChoice, type ProxyRoute } from './pac.ts';
export { SpotifyDispatcher, type SpotifyDispatcherOptions } from './spotify-dispatcher.ts';
export { trustedCas } from './trusted-cas.ts';
