import type { ContextBridge } from 'electron';
import { createContextBridge, type MainWorld } from './context-bridge-double.ts';
import { createIpcRenderer, type IpcRendererDouble } from './ipc-renderer-double.ts';

/**
 * What `require('electron')` returns to the preload in the harness page: the renderer-side double of
 * Electron (contextBridge onto the page's global, ipcRenderer over the harness WebSocket), and the
 * CommonJS `require` that hands it out. Anything the preload asks for beyond what the double provides
 * fails at once with a message that names it, so a new Electron API in the preload cannot go unnoticed.
 */

export interface ElectronRendererDouble {
  readonly contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>;
  readonly ipcRenderer: IpcRendererDouble;
}

export interface ElectronRendererDoubleOptions {
  /** The page's global object (`window`): where `exposeInMainWorld` defines its key. */
  readonly world: MainWorld;
  /** The connection to the harness; the double sends and listens on it. */
  readonly socket: WebSocket;
}

/** Thrown when the preload uses an Electron member the double does not provide. */
export class MissingElectronDoubleMemberError extends Error {
  override readonly name = 'MissingElectronDoubleMemberError';
  readonly member: string;
  constructor(member: string) {
    super(
      `The preload uses electron's ${member}, which the harness's renderer-side double does not provide: ` +
        'add it to dev/harness/electron-renderer-double.ts, typed against electron.d.ts.',
    );
    this.member = member;
  }
}

/** Thrown when the preload requires anything but 'electron'. */
export class UnsupportedPreloadRequireError extends Error {
  override readonly name = 'UnsupportedPreloadRequireError';
  readonly id: string;
  constructor(id: string) {
    super(
      `The preload requires '${id}', but a sandboxed preload gets only 'electron' here: bundle '${id}' ` +
        'into out/preload/index.cjs (electron.vite.config.ts) instead.',
    );
    this.id = id;
  }
}

export function createElectronRendererDouble(options: ElectronRendererDoubleOptions): ElectronRendererDouble {
  return strict('', {
    contextBridge: strict('contextBridge.', createContextBridge(options.world)),
    ipcRenderer: strict('ipcRenderer.', createIpcRenderer(options.socket)),
  });
}

/** The `require` of the preload's CommonJS wrapper: 'electron' is the double, anything else throws. */
export function createPreloadRequire(electron: ElectronRendererDouble): (id: string) => unknown {
  return (id) => {
    if (id === 'electron') return electron;
    throw new UnsupportedPreloadRequireError(String(id));
  };
}

/**
 * Names a module-interop check may probe on any module (`__esModule`, a thenable test): absent, never an
 * error.
 */
const PROBED = new Set(['__esModule', 'then', 'toJSON']);

function strict<T extends object>(prefix: string, target: T): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol' || key in object || PROBED.has(key)) {
        return Reflect.get(object, key, receiver) as unknown;
      }
      throw new MissingElectronDoubleMemberError(`${prefix}${key}`);
    },
  });
}
