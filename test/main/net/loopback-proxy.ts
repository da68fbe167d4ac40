import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy } from 'proxy';

/** A real HTTP proxy (TooTallNate's `proxy`) on 127.0.0.1 that records every CONNECT it is asked for. */
export interface LoopbackProxy {
  readonly url: string;
  readonly port: number;
  /** `host:port` of each CONNECT, in order (including refused ones). */
  readonly connects: string[];
  /** `METHOD absolute-url` of each plain-HTTP request forwarded (a proxy's way for http:// targets). */
  readonly forwarded: string[];
  close(): Promise<void>;
}

export async function startLoopbackProxy(
  options: { credentials?: { user: string; password: string } } = {},
): Promise<LoopbackProxy> {
  const server = createProxy(createServer());
  const connects: string[] = [];
  // CONNECT tunnels leave the HTTP server's bookkeeping: closing ends them by hand.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const forwarded: string[] = [];
  server.on('connect', (req: { url?: string }) => connects.push(req.url ?? ''));
  server.on('request', (req: { method?: string; url?: string }) =>
    forwarded.push(`${req.method ?? ''} ${req.url ?? ''}`),
  );
  const { credentials } = options;
  if (credentials) {
    const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    server.authenticate = (req) => req.headers['proxy-authorization'] === expected;
  }
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
