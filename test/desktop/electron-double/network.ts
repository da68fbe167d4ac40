import { createRequire } from 'node:module';
import { connect as netConnect, type Socket } from 'node:net';
import type * as Tls from 'node:tls';

const require = createRequire(import.meta.url);

/**
 * The machine's network, for a booted app: `ELECTRON_DOUBLE_HOSTS=accounts.spotify.com=127.0.0.1:4321,…`
 * sends TLS connections for those hosts to the simulator on loopback, as a hosts-file entry and a
 * TLS-terminating proxy would. The app keeps its real addresses (a packaged build ignores the variables
 * that point it elsewhere), so the packaged layout talks to the simulator exactly as it would to Spotify.
 * Every other host is left alone.
 */
export function routeHosts(spec: string): void {
  const routes = new Map<string, { host: string; port: number }>();
  for (const entry of spec.split(',').filter(Boolean)) {
    const [name = '', target = ''] = entry.split('=');
    const [host = '', port = ''] = target.split(':');
    routes.set(name, { host, port: Number(port) });
  }
  if (routes.size === 0) return;
  const tls = require('node:tls') as typeof Tls;
  const original = tls.connect.bind(tls);
  type ConnectArgs = Parameters<typeof tls.connect>;
  tls.connect = ((...args: ConnectArgs) => {
    const options = (typeof args[0] === 'object' ? args[0] : {}) as { host?: string; servername?: string };
    const route = routes.get(options.servername ?? options.host ?? '');
    if (!route) return original(...args);
    const socket: Socket = netConnect({ host: route.host, port: route.port });
    // The TLS handshake is the proxy's: the client hears it done once the connection stands.
    socket.once('connect', () => socket.emit('secureConnect'));
    return socket as unknown as ReturnType<typeof tls.connect>;
  }) as typeof tls.connect;
}
