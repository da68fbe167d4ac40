import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SpotifyDispatcher } from '../../../src/main/net/index.ts';

/** A server that holds each answer until the test lets it go. */
async function heldServer() {
  const held: ServerResponse[] = [];
  let arrived: () => void = () => {};
  const server = createServer((_req, res) => {
    held.push(res);
    arrived();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrival: () =>
      new Promise<void>((resolve) => {
        if (held.length > 0) resolve();
        else arrived = resolve;
      }),
    release: () => {
      for (const res of held.splice(0)) res.end('done');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let server: Awaited<ReturnType<typeof heldServer>> | undefined;
afterEach(async () => {
  server?.release();
  await server?.close();
});

describe('SpotifyDispatcher.close after reconfigure', () => {
  it.each(['the dispatcher', 'a fork'])(
    'waits for a request still running on the replaced route (%s)',
    async (which) => {
      server = await heldServer();
      const shared = new SpotifyDispatcher({ network: { proxy: 'direct', systemCa: false } });
      const used = which === 'a fork' ? shared.fork() : shared;
      const answer = request(server.url, { dispatcher: used }).then((res) => res.body.text());
      await server.arrival();
      shared.reconfigure({ network: { proxy: 'direct', systemCa: false } });
      let closed = false;
      const closing = used.close().then(() => {
        closed = true;
      });
      for (let i = 0; i < 20; i++) await nextTurn();
      expect(closed).toBe(false);
      server.release();
      await closing;
      expect(await answer).toBe('done');
      await shared.close();
    },
  );
});
