/**
 * The OS keychain adapter, on @napi-rs/keyring (keyring-rs): macOS Keychain, Windows Credential Manager,
 * and on Linux the Secret Service (GNOME Keyring, KWallet, KeePassXC) over D-Bus.
 *
 * Linux is pinned to the Secret Service. By default the binding silently falls back to the kernel keyutils
 * keyring when no Secret Service answers; that store is in-memory only (lost at reboot) and would make
 * "stay signed in" quietly fail. With `{ linux: { store: 'secret-service' } }` the entry constructor throws
 * instead, which we report as KeychainUnavailableError. (`findCredentials` takes no such option, so it is
 * never used here.)
 */
import type { EntryOptions } from '@napi-rs/keyring';
import type { Keychain } from '../auth/caches/keychain.ts';
import { AuthError, KeychainUnavailableError, TokenCacheError } from '../auth/errors.ts';
import { safeCause } from '../util/safe-cause.ts';

export const DEFAULT_KEYCHAIN_SERVICE = 'Traytune';

/** Passed to every entry: only meaningful on Linux, accepted (and ignored) elsewhere. */
export const KEYRING_ENTRY_OPTIONS: EntryOptions = Object.freeze({
  linux: Object.freeze({ store: 'secret-service' as const }),
});

/** The part of the binding's `AsyncEntry` the adapter uses; its methods run on the libuv thread pool. */
export interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deleteCredential(): Promise<boolean>;
}

export type KeyringEntryFactory = (
  service: string,
  account: string,
  options: EntryOptions,
) => KeyringEntry | Promise<KeyringEntry>;

export interface SystemKeychainOptions {
  /** Service name the entries are stored under (tests use their own). Default `Traytune`. */
  service?: string;
  /** Creates entries; defaults to the binding's `AsyncEntry`. Injected by tests. */
  createEntry?: KeyringEntryFactory;
  /** Read to explain a missing session bus. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The system keychain. Failures reject with KeychainUnavailableError (no Secret Service, no bus, locked,
 * denied: the app can carry on without persistence) or TokenCacheError (anything else).
 */
export class SystemKeychain implements Keychain {
  readonly service: string;
  readonly #createEntry: KeyringEntryFactory;
  readonly #env: NodeJS.ProcessEnv;

  constructor(options: SystemKeychainOptions = {}) {
    this.service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
    this.#createEntry = options.createEntry ?? createAsyncEntry;
    this.#env = options.env ?? process.env;
  }

  get(account: string): Promise<string | null> {
    return this.#run(account, (entry) => entry.getPassword());
  }

  async set(account: string, secret: string): Promise<void> {
    await this.#run(account, (entry) => entry.setPassword(secret));
  }

  delete(account: string): Promise<boolean> {
    return this.#run(account, (entry) => entry.deleteCredential());
  }

  // A fresh entry per call: the constructor is where the pinned store checks it is reachable (a short
  // synchronous D-Bus round trip), so every call sees the keychain as it is now.
  async #run<T>(account: string, op: (entry: KeyringEntry) => Promise<T>): Promise<T> {
    try {
      return await op(await this.#createEntry(this.service, account, KEYRING_ENTRY_OPTIONS));
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw classifyKeyringError(error, { env: this.#env });
    }
  }
}

async function createAsyncEntry(
  service: string,
  account: string,
  options: EntryOptions,
): Promise<KeyringEntry> {
  // Loaded lazily: a missing native binary must degrade to "no keychain", not crash the app at startup.
  const binding = await import('@napi-rs/keyring').catch((error: unknown) => {
    throw new KeychainUnavailableError('the keychain module could not be loaded on this system', {
      cause: safeCause(error),
    });
  });
  return new binding.AsyncEntry(service, account, options);
}

export interface ClassifyContext {
  env: NodeJS.ProcessEnv;
}

/**
 * Maps a keyring-rs error (the binding only gives its Display text) to a typed error. keyring-rs prefixes:
 * "Couldn't access platform storage" = NoStorageAccess (locked, dismissed prompt, denied, no collection);
 * "Platform failure" = PlatformFailure, which on Linux wraps the D-Bus errors (no bus, no service).
 *
 * The binding's text is only read here, never passed on: it may echo a password being written (the grant,
 * or the refresh token inside it) or one being read, and nothing can redact a secret that is not known.
 * Messages carry a short classified detail from fixed wording; the cause keeps only name and code.
 */
export function classifyKeyringError(
  error: unknown,
  context: ClassifyContext,
): KeychainUnavailableError | TokenCacheError {
  const text = (error instanceof Error ? error.message : String(error)).toLowerCase();
  const cause = safeCause(error);

  if (text.startsWith("couldn't access platform storage")) {
    return new KeychainUnavailableError(storageDetail(text), { cause });
  }
  if (text.includes('dbus error') || text.includes('d-bus')) {
    return new KeychainUnavailableError(busDetail(text, context.env), { cause });
  }
  if (text.includes('interaction is not allowed')) {
    return new KeychainUnavailableError('the keychain is locked', { cause });
  }
  if (text.startsWith('entry is matched by')) {
    return new TokenCacheError(
      'More than one entry in the system keychain matches Traytune’s sign-in. Remove the Traytune ' +
        'entries in your keychain manager, then sign in again.',
      { cause },
    );
  }
  return new TokenCacheError(
    `Traytune could not use its sign-in in the system keychain (${otherDetail(text)}). Sign in again; ` +
      'if this keeps happening, remove the Traytune entry in your keychain manager.',
    { cause },
  );
}

/** A fixed description of the remaining keyring-rs errors (Display texts of keyring::Error). */
function otherDetail(text: string): string {
  if (text.includes('longer than platform limit')) return 'a name is too long for the keychain';
  if (text.includes('utf-8') || text.includes('encod')) return 'the stored entry is not readable text';
  if (text.includes('no matching entry')) return 'the entry was not found';
  if (text.startsWith('attribute') || text.includes('invalid')) return 'the keychain rejected the entry';
  if (text.startsWith('platform')) return 'the keychain reported a platform failure';
  return 'an unexpected keychain error';
}

function storageDetail(text: string): string {
  if (text.includes('prompt') || text.includes('locked')) {
    return 'the keyring is locked and was not unlocked';
  }
  if (text.includes('no result found')) {
    return 'the keyring has no default collection to store it in';
  }
  return 'access to the keyring was denied';
}

function busDetail(text: string, env: NodeJS.ProcessEnv): string {
  if (
    !env['DBUS_SESSION_BUS_ADDRESS'] &&
    (text.includes('autolaunch') || text.includes('dbus_session_bus'))
  ) {
    return 'no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set; start Traytune from your desktop session';
  }
  if (text.includes('org.freedesktop.secrets') || text.includes('serviceunknown')) {
    return 'no Secret Service is running on the D-Bus session bus';
  }
  if (text.includes('failed to connect') || text.includes('connection refused')) {
    return 'cannot connect to the D-Bus session bus';
  }
  if (text.includes('noreply') || text.includes('timeout') || text.includes('timed out')) {
    return 'the Secret Service did not answer';
  }
  return 'the Secret Service could not be reached over D-Bus';
}
