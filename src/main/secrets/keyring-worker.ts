/**
 * The keychain's own thread. Creating a keyring entry talks to the OS store synchronously (on Linux a
 * D-Bus round trip to the Secret Service, which can take seconds while the daemon starts or hangs), so
 * every entry is made and used here, never on the main thread. keychain-thread.ts is the other end.
 */
import { parentPort } from 'node:worker_threads';
import type * as Keyring from '@napi-rs/keyring';
import type { EntryOptions } from '@napi-rs/keyring';

export type KeyringRequest =
  | {
      readonly id: number;
      readonly op: 'get' | 'delete';
      readonly service: string;
      readonly account: string;
      readonly options: EntryOptions;
    }
  | {
      readonly id: number;
      readonly op: 'set';
      readonly service: string;
      readonly account: string;
      readonly options: EntryOptions;
      readonly password: string;
    };

export type KeyringReply =
  | { readonly id: number; readonly ok: true; readonly value: string | boolean | null }
  /** `load`: the native module did not load; `keyring`: the store refused (its text, for classifying only). */
  | { readonly id: number; readonly ok: false; readonly failure: 'load' | 'keyring'; readonly text: string };

async function handle(request: KeyringRequest): Promise<KeyringReply> {
  let binding: typeof Keyring;
  try {
    binding = await import('@napi-rs/keyring');
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      failure: 'load',
      text: error instanceof Error ? error.name : 'Error',
    };
  }
  try {
    const entry = new binding.AsyncEntry(request.service, request.account, request.options);
    if (request.op === 'get') return { id: request.id, ok: true, value: (await entry.getPassword()) ?? null };
    if (request.op === 'set') {
      await entry.setPassword(request.password);
      return { id: request.id, ok: true, value: null };
    }
    return { id: request.id, ok: true, value: await entry.deleteCredential() };
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      failure: 'keyring',
      text: error instanceof Error ? error.message : String(error),
    };
  }
}

parentPort?.on('message', (request: KeyringRequest) => {
  void handle(request).then((reply) => parentPort?.postMessage(reply));
});
