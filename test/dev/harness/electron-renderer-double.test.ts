import { afterEach, describe, expect, it } from 'vitest';
import {
  MissingElectronDoubleMemberError,
  UnsupportedPreloadRequireError,
  createElectronRendererDouble,
  createPreloadRequire,
} from '../../../dev/harness/electron-renderer-double.ts';

const sockets: WebSocket[] = [];

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

/** A double whose socket points at a closed port (these tests never get as far as a call). */
function double(world: object = {}): ReturnType<typeof createElectronRendererDouble> {
  const socket = new WebSocket('ws://127.0.0.1:9/');
  socket.addEventListener('error', () => undefined);
  sockets.push(socket);
  return createElectronRendererDouble({ world, socket });
}

describe("the preload's require", () => {
  it("returns the double for 'electron' and refuses anything else by name", () => {
    const electron = double();
    const require = createPreloadRequire(electron);
    expect(require('electron')).toBe(electron);
    expect(() => require('fs')).toThrow(UnsupportedPreloadRequireError);
    expect(() => require('electron/renderer')).toThrow(/requires 'electron\/renderer'.*bundle/);
  });
});

describe('the electron double', () => {
  it('provides what the preload uses', () => {
    const world: Record<string, unknown> = {};
    const electron = double(world);
    electron.contextBridge.exposeInMainWorld('api', { ping: () => 'pong' });
    expect((world['api'] as { ping(): string }).ping()).toBe('pong');
    for (const member of ['invoke', 'on', 'off', 'removeListener'] as const) {
      expect(typeof electron.ipcRenderer[member]).toBe('function');
    }
  });

  it('names any other member the preload reaches for, instead of handing it undefined', () => {
    const electron = double() as unknown as Record<string, Record<string, unknown>>;
    expect(() => electron['webFrame']).toThrow(MissingElectronDoubleMemberError);
    expect(() => electron['ipcRenderer']?.['send']).toThrow(
      /electron's ipcRenderer\.send, which the harness/,
    );
    expect(() => electron['contextBridge']?.['exposeInIsolatedWorld']).toThrow(
      /electron's contextBridge\.exposeInIsolatedWorld/,
    );
    // What module interop probes is simply absent.
    expect(electron['__esModule']).toBeUndefined();
    expect(electron['then']).toBeUndefined();
  });
});
