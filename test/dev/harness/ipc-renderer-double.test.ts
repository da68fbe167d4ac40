/** The ipcRenderer double against a real WebSocket server on loopback, through Node's own WebSocket. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IpcRendererEvent } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import {
  createIpcRenderer,
  HARNESS_CLOSED_CODE,
  HARNESS_CLOSED_MESSAGE,
  type IpcRendererDouble,
} from '../../../dev/harness/ipc-renderer-double.ts';
import type { BridgeMessage } from '../../../dev/harness/protocol.ts';

interface Peer {
  readonly url: string;
  /** The server side of the next connection. */
  readonly connection: Promise<ServerSocket>;
  /** Every message the server received, parsed. */
  readonly received: BridgeMessage[];
  /** Resolves with the first `count` messages once the server has received them. */
  messages(count: number): Promise<BridgeMessage[]>;
  close(): Promise<void>;
}

const peers: Peer[] = [];
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
});

async function startPeer(): Promise<Peer> {
  const server: Server = createServer();
  const sockets = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const received: BridgeMessage[] = [];
  const waiters = new Set<() => void>();
  const connection = new Promise<ServerSocket>((resolve) => {
    sockets.once('connection', (ws) => {
      ws.on('message', (data: Buffer) => {
        received.push(JSON.parse(data.toString('utf8')) as BridgeMessage);
        for (const check of waiters) check();
      });
      resolve(ws);
    });
  });
  const peer: Peer = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    connection,
    received,
    messages: (count) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (received.length < count) return;
          waiters.delete(check);
          resolve(received.slice(0, count));
        };
        waiters.add(check);
        check();
      }),
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  peers.push(peer);
  return peer;
}

function connect(url: string): IpcRendererDouble {
  const socket = new WebSocket(url);
  clients.push(socket);
  return createIpcRenderer(socket);
}

/** A call the test never answers: it rejects when the connection closes after the test. */
function ignore(call: Promise<unknown>): void {
  call.catch(() => undefined);
}

function send(ws: ServerSocket, message: BridgeMessage): void {
  ws.send(JSON.stringify(message));
}

const CLOSED_ANSWER = { ok: false, error: { code: HARNESS_CLOSED_CODE, message: HARNESS_CLOSED_MESSAGE } };

interface Call {
  readonly event: IpcRendererEvent;
  readonly args: unknown[];
}

/** A listener that records its calls; `next()` resolves with the next one not yet taken. */
function recorder(): {
  listener: (event: IpcRendererEvent, ...args: unknown[]) => void;
  next(): Promise<Call>;
} {
  const calls: Call[] = [];
  const waiting: ((call: Call) => void)[] = [];
  return {
    listener: (event, ...args) => {
      const call = { event, args };
      const waiter = waiting.shift();
      if (waiter) waiter(call);
      else calls.push(call);
    },
    next: () => {
      const call = calls.shift();
      return call ? Promise.resolve(call) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

describe('ipcRenderer.invoke', () => {
  it('waits for the connection, sends one input, and settles each call with its own answer', async () => {
    const peer = await startPeer();
    const ipc = connect(peer.url);
    const first = ipc.invoke('player:seek', { positionMs: 1 }, 'dropped');
    const second = ipc.invoke('app:getState');
    const ws = await peer.connection;
    const [a, b] = await peer.messages(2);

    expect(a).toEqual({ type: 'invoke', id: 1, channel: 'player:seek', input: { positionMs: 1 } });
    expect(b).toEqual({ type: 'invoke', id: 2, channel: 'app:getState' }); // no input: the key is absent
    // Answered out of order: each promise gets the answer with its own id.
    send(ws, { type: 'result', id: 2, response: { ok: true, value: 'state' } });
    send(ws, { type: 'result', id: 1, response: { ok: false, error: { code: 'c', message: 'm' } } });
    expect(await second).toEqual({ ok: true, value: 'state' });
    expect(await first).toEqual({ ok: false, error: { code: 'c', message: 'm' } });
  });

  it('answers the call in flight, and every later one at once, with what to do once the harness closes', async () => {
    const peer = await startPeer();
    const ipc = connect(peer.url);
    const call = ipc.invoke('player:next');
    await peer.messages(1);
    (await peer.connection).close();

    // As main answers a failure, so the preload's IpcError carries these words (not the bridge's generic
    // "could not deliver"), and nothing waits for an answer that cannot come.
    expect(await call).toEqual(CLOSED_ANSWER);
    expect(await ipc.invoke('player:previous')).toEqual(CLOSED_ANSWER);
    expect(peer.received).toHaveLength(1); // the later call sent nothing
  });

  it('answers so when the harness cannot be reached', async () => {
    const peer = await startPeer();
    await peer.close(); // the port is free again: nothing listens there
    const ipc = connect(peer.url);
    expect(await ipc.invoke('app:getState')).toEqual(CLOSED_ANSWER);
  });

  it('answers so at once on a socket that had closed before the double got it', async () => {
    const peer = await startPeer();
    await peer.close();
    const socket = new WebSocket(peer.url);
    clients.push(socket);
    await new Promise((resolve) => socket.addEventListener('close', resolve, { once: true }));
    expect(await createIpcRenderer(socket).invoke('app:getState')).toEqual(CLOSED_ANSWER);
  });

  it('answers so while the connection is closing, before the browser reports it closed', async () => {
    const peer = await startPeer();
    const socket = new WebSocket(peer.url);
    clients.push(socket);
    const ipc = createIpcRenderer(socket);
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    socket.close(); // CLOSING until the harness answers the close
    expect(socket.readyState).toBe(socket.CLOSING);
    expect(await ipc.invoke('app:getState')).toEqual(CLOSED_ANSWER);
  });

  it('rejects an input JSON cannot carry, without sending anything', async () => {
    const peer = await startPeer();
    const ipc = connect(peer.url);
    await expect(ipc.invoke('player:seek', { positionMs: 1n })).rejects.toThrow(TypeError);
    ignore(ipc.invoke('app:getState')); // never answered: the connection closes after the test
    const [first] = await peer.messages(1);
    expect(first).toMatchObject({ id: 2, channel: 'app:getState' }); // the refused call sent nothing
  });
});

describe('ipcRenderer.on / removeListener / off', () => {
  it('calls each listener of the channel with an IpcRendererEvent and the payload', async () => {
    const peer = await startPeer();
    const ipc = connect(peer.url);
    const snapshots = recorder();
    const others = recorder();
    expect(ipc.on('player:snapshot', snapshots.listener)).toBe(ipc); // chainable, as Electron's
    ipc.on('settings:changed', others.listener);
    ignore(ipc.invoke('app:getState')); // opens the connection
    const ws = await peer.connection;

    send(ws, { type: 'event', event: 'player:snapshot', payload: { track: 'a' } });
    const { event, args } = await snapshots.next();
    expect(args).toEqual([{ track: 'a' }]);
    expect(event.ports).toEqual([]);
    expect(event.sender).toBe(ipc);
    expect(event.defaultPrevented).toBe(false);
    event.preventDefault();
    expect(event.defaultPrevented).toBe(true);

    send(ws, { type: 'event', event: 'settings:changed', payload: 1 });
    expect((await others.next()).args).toEqual([1]);
  });

  it('removes one registration at a time, the last one first, with either name', async () => {
    const peer = await startPeer();
    const ipc = connect(peer.url);
    const counts = { twice: 0 };
    const twice = (): void => {
      counts.twice++;
    };
    // Registered last, so it runs after `twice` in each delivery: awaiting it awaits the whole delivery.
    const marker = recorder();
    ipc.on('app:state', twice).on('app:state', twice).on('app:state', marker.listener);
    ignore(ipc.invoke('app:getState'));
    const ws = await peer.connection;
    const deliver = async (): Promise<number> => {
      send(ws, { type: 'event', event: 'app:state', payload: null });
      await marker.next();
      return counts.twice;
    };

    expect(await deliver()).toBe(2); // both registrations run
    expect(ipc.removeListener('app:state', twice)).toBe(ipc);
    expect(await deliver()).toBe(3); // one left
    ipc.off('app:state', twice);
    ipc.off('app:state', twice); // nothing left to remove: no error
    expect(await deliver()).toBe(3); // none left
  });
});
