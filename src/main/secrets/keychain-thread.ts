import type { Worker } from 'node:worker_threads';
import type { EntryOptions } from '@napi-rs/keyring';
import { KeychainUnavailableError } from '../auth/errors.ts';
import type { KeyringEntry, KeyringEntryFactory } from './keychain.ts';
import type { KeyringReply, KeyringRequest } from './keyring-worker.ts';

/** Starts keyring-worker.ts (desktop: electron-vite's `?nodeWorker` import; tests: `new Worker(url)`). */
export type StartKeyringWorker = () => Worker;

type Pending = { resolve: (value: string | boolean | null) => void; reject: (error: Error) => void };

/**
 * A KeyringEntryFactory whose entries live on the keychain's own thread, so a slow or hung OS store never
 * blocks the main process (the tray, the window, IPC). One worker, started on first use; it holds the
 * process only while a call is in flight, so an idle keychain never keeps the app from quitting and a
 * write in progress is not cut off. If it dies, the calls in flight fail and the next call starts another.
 * A failure comes back as an Error carrying the store's text, for SystemKeychain to classify; that text
 * is never logged or shown.
 */
export function keyringOnItsOwnThread(start: StartKeyringWorker): KeyringEntryFactory {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    worker = null;
  };

  const running = (): Worker => {
    if (worker) return worker;
    const started = start();
    started.on('message', (reply: KeyringReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else if (reply.failure === 'load') {
        waiting.reject(
          new KeychainUnavailableError('the keychain module could not be loaded on this system'),
        );
      } else waiting.reject(new Error(reply.text));
    });
    started.on('error', () => failAll(new KeychainUnavailableError('the keychain thread stopped')));
    started.on('exit', () => failAll(new KeychainUnavailableError('the keychain thread stopped')));
    // Idle, the thread never keeps the app alive (after the listeners: adding one refs the worker again).
    started.unref();
    worker = started;
    return started;
  };

  const send = (request: Omit<KeyringRequest, 'id'>) =>
    new Promise<string | boolean | null>((resolve, reject) => {
      const id = nextId++;
      const thread = running();
      // A call in flight (a rotated token being saved) keeps the process alive until it is answered.
      if (pending.size === 0) thread.ref();
      pending.set(id, { resolve, reject });
      thread.postMessage({ ...request, id });
    });

  return (service: string, account: string, options: EntryOptions): KeyringEntry => ({
    getPassword: async () => {
      const value = await send({ op: 'get', service, account, options });
      return typeof value === 'string' ? value : null;
    },
    setPassword: async (password) => {
      await send({ op: 'set', service, account, options, password } as Omit<KeyringRequest, 'id'>);
    },
    deleteCredential: async () => (await send({ op: 'delete', service, account, options })) === true,
  });
}
