/**
 * The shell and the system's proxy: the booted app asks Electron's `session.resolveProxy` for Spotify's
 * two hosts and sends sign-in and the Web API through the proxy it names, asks again after a wake (the
 * network changed), and closes its connections at quit. The proxy here answers CONNECT and records it;
 * the double's network then carries the TLS connection to the simulator as it does for direct ones.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BootOptions } from './boot-client.ts';
import { PLATFORMS, QUIT_DEADLINE_MS, shellSuite, signIn, withDeadline } from './scenario-kit.ts';

interface TunnelProxy {
  readonly port: number;
  readonly connects: string[];
  close(): Promise<void>;
}

/** Answers every CONNECT with 200 and hangs up: the double's TLS routing never uses the tunnel itself. */
async function startTunnelProxy(): Promise<TunnelProxy> {
  const connects: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: { url?: string }, socket: Socket) => {
    connects.push(req.url ?? '');
    socket.end('HTTP/1.1 200 Connection Established\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connects,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(PLATFORMS)('the shell on %s behind the system proxy', (platform) => {
  const suite = shellSuite(platform, 'built');
  let proxy: TunnelProxy;
  beforeEach(async () => {
    proxy = await startTunnelProxy();
  });
  afterEach(async () => {
    await proxy.close();
  });
  const boot = (options?: Partial<BootOptions>) => suite.boot(options);

  it('follows the system proxy: asked again after a wake, sign-in and the Web API go through it, no connection left at quit', async () => {
    const booted = await boot();
    await booted.waitFor('the window', (s) => s.windows[0]?.visible);
    const asked = async () =>
      (await booted.state()).journal
        .filter((entry) => entry.api === 'session.resolveProxy')
        .map((e) => e.args[0]);
    expect(await asked()).toEqual(['https://accounts.spotify.com', 'https://api.spotify.com']);

    // A new network while asleep: its settings name a proxy (and, for the API, a SOCKS4 one first,
    // which undici cannot speak: passed over for the next entry).
    await booted.call('setProxy', {
      host: 'accounts.spotify.com',
      answer: `PROXY 127.0.0.1:${proxy.port}; DIRECT`,
    });
    await booted.call('setProxy', {
      host: 'api.spotify.com',
      answer: `SOCKS 127.0.0.1:1; PROXY 127.0.0.1:${proxy.port}`,
    });
    await booted.call('power', { event: 'resume' });
    await booted.waitFor('the proxy settings asked again', async () => (await asked()).length === 4);

    await signIn(booted, platform, suite.sim());
    expect(proxy.connects).toContain('accounts.spotify.com:443');
    expect(proxy.connects).toContain('api.spotify.com:443');
    expect(booted.output()).toContain(
      '[network] The system proxy settings name a proxy Traytune cannot use (SOCKS)',
    );

    await booted.call('secondInstance', { argv: ['traytune', '--quit'] });
    const ended = await withDeadline(booted.ended, QUIT_DEADLINE_MS, 'quit');
    expect(ended.exit).toEqual({ how: 'quit', code: 0 });
    // The dispatcher's connections (and the tunnels') are closed. Timers are not checked here: quitting
    // right after sign-in leaves RequestBudget's 10 s save timer (known, with or without a proxy; the
    // long scenarios in boot.test.ts check timers).
    expect(ended.resources.filter((name) => /TCP|UDP|Pipe(Server|Connect)/.test(name))).toEqual([]);
    expect(ended.signal).toBeNull();
  });
});
