import { afterEach, describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID } from '../../../dev/simulator/index.ts';
import { MemoryTokenCache } from '../../../src/main/auth/caches/memory.ts';
import { ConfigError } from '../../../src/main/auth/errors.ts';
import type { TokenCache } from '../../../src/main/auth/token-cache.ts';
import type { StoredGrant } from '../../../src/main/auth/token.ts';
import type { TraytuneApp } from '../../../src/main/app/traytune-app.ts';
import type { AppState } from '../../../src/shared/app-state.ts';
import { invokeChannels } from '../../../src/shared/ipc/contract.ts';
import { consentBrowser, driveConsent, type ConsentOptions } from '../../support/consent.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
let pendingVisits: (() => Promise<void>)[] = [];
/** Ends each visit still held back (the test never released it), so no openExternal stays pending. */
let heldVisits: (() => void)[] = [];
afterEach(async () => {
  try {
    await h?.close();
  } finally {
    for (const abandon of heldVisits) abandon();
    for (const idle of pendingVisits) await idle();
    h = undefined;
    pendingVisits = [];
    heldVisits = [];
  }
});

const SECOND_USER = { id: 'second-listener', displayName: 'Second Listener' };

/** A token cache that counts what was done to it (one per client ID, like the keychain entry). */
class RecordingCache implements TokenCache {
  readonly #inner = new MemoryTokenCache();
  clears = 0;
  /** While set, a save waits for it (and says it started). */
  saveGate: { started: () => void; gate: Promise<void> } | null = null;
  load(): Promise<StoredGrant | null> {
    return this.#inner.load();
  }
  async save(grant: StoredGrant): Promise<void> {
    const held = this.saveGate;
    if (held) {
      this.saveGate = null;
      held.started();
      await held.gate;
    }
    return this.#inner.save(grant);
  }
  clear(): Promise<void> {
    this.clears++;
    return this.#inner.clear();
  }
}

/**
 * A system browser whose next visit can be held back (the user has not answered Spotify's page yet) and
 * whose answer (Agree / Cancel) can be chosen per visit.
 */
function holdableBrowser() {
  const agree = consentBrowser();
  const cancel = consentBrowser({ decision: 'cancel' } satisfies ConsentOptions);
  pendingVisits.push(agree.idle, cancel.idle);
  // A held visit ends with 'visit' (released: the page is answered) or 'abandon' (the test is over).
  type Ending = 'visit' | 'abandon';
  let held: { url: Promise<string>; reached: (url: string) => void; release: Promise<Ending> } | null = null;
  let endHeld: (ending: Ending) => void = () => undefined;
  heldVisits.push(() => endHeld('abandon'));
  let answer: 'agree' | 'cancel' = 'agree';
  const urls: string[] = [];
  return {
    urls,
    openExternal: async (url: string): Promise<void> => {
      urls.push(url);
      const hold = held;
      if (hold) {
        held = null;
        hold.reached(url);
        if ((await hold.release) === 'abandon') return;
      }
      await (answer === 'agree' ? agree : cancel).openBrowser(url);
    },
    /** The next visit waits for `release()`; resolves with its address once the app opened it. */
    holdNext(): Promise<string> {
      let reached!: (url: string) => void;
      const url = new Promise<string>((resolve) => (reached = resolve));
      const release = new Promise<Ending>((resolve) => (endHeld = resolve));
      held = { url, reached, release };
      return url;
    },
    release: () => endHeld('visit'),
    answer: (decision: 'agree' | 'cancel') => {
      answer = decision;
    },
  };
}

/** Resolves with the first pushed state (from now on) that `matches`. */
function stateWhere(app: TraytuneApp, matches: (state: AppState) => boolean): Promise<AppState> {
  return new Promise((resolve) => {
    const off = app.on('app:state', (state) => {
      if (!matches(state)) return;
      off();
      resolve(state);
    });
  });
}

async function signedInWithSwitchableBrowser() {
  const browser = holdableBrowser();
  const cache = new RecordingCache();
  h = await startApp({
    before: (sim) => sim.addUser(SECOND_USER),
    deps: { openExternal: browser.openExternal, createTokenCache: () => cache },
  });
  await signIn(h);
  const firstGrant = await cache.load();
  expect(firstGrant).not.toBeNull();
  return { h, browser, cache, firstGrant: firstGrant! };
}

describe('Switch account', () => {
  it('keeps the current account playing while the other signs in, then replaces it', async () => {
    const { h, browser, cache, firstGrant } = await signedInWithSwitchableBrowser();
    h.sim.setConsentUser(SECOND_USER.id);
    const opening = browser.holdNext();
    const switching = h.app.handlers['auth:switchAccount'](undefined);
    const url = await opening;

    // Waiting for the other account's consent: the account chooser is asked for, and nothing changed yet.
    expect(new URL(url).searchParams.get('show_dialog')).toBe('true');
    expect(h.app.getState()).toMatchObject({
      account: 'signed-in',
      userName: 'Traytune Tester',
      switchingAccount: true,
      signInLink: url,
      signInError: null,
    });
    expect(await h.app.handlers['player:togglePlay'](undefined)).toEqual({ ok: true });
    expect(h.sim.player.snapshot().isPlaying).toBe(true);
    expect(await cache.load()).toEqual(firstGrant);
    // Asking to sign in meanwhile joins the switch.
    const joined = h.app.handlers['auth:signIn'](undefined);

    browser.release();
    const state = await switching;
    expect(await joined).toEqual(state);
    expect(state).toMatchObject({
      account: 'signed-in',
      userName: SECOND_USER.displayName,
      switchingAccount: false,
      signInLink: null,
      signInError: null,
    });
    // The old session was signed out without clearing the shared entry (the new grant is in it).
    expect(cache.clears).toBe(0);
    const saved = await cache.load();
    expect(saved?.refreshToken).not.toBe(firstGrant.refreshToken);
    expect(h.snapshots.at(-1)?.connection.status).toBe('ok');

    // The next start restores the new account.
    await h.app.stop();
    const again = await h.restart();
    expect(again.getState()).toMatchObject({ account: 'signed-in', userName: SECOND_USER.displayName });
  });

  it('cancelling leaves the current account as it was', async () => {
    const { h, browser, cache, firstGrant } = await signedInWithSwitchableBrowser();
    const opening = browser.holdNext();
    const switching = h.app.handlers['auth:switchAccount'](undefined);
    await opening;
    await h.app.handlers['auth:cancelSignIn'](undefined);
    const state = await switching;
    expect(state).toMatchObject({
      account: 'signed-in',
      userName: 'Traytune Tester',
      switchingAccount: false,
      signInLink: null,
      signInError: null,
    });
    expect(await cache.load()).toEqual(firstGrant);
    expect(cache.clears).toBe(0);
    expect(await h.app.handlers['player:togglePlay'](undefined)).toEqual({ ok: true });
    expect(h.sim.player.snapshot().isPlaying).toBe(true);
  });

  it('a failed switch (Cancel on Spotify’s page) keeps the current account and says why', async () => {
    const { h, browser, cache, firstGrant } = await signedInWithSwitchableBrowser();
    browser.answer('cancel');
    const state = await h.app.handlers['auth:switchAccount'](undefined);
    expect(state).toMatchObject({
      account: 'signed-in',
      userName: 'Traytune Tester',
      switchingAccount: false,
      signInLink: null,
      signInError: { code: 'consent-cancelled' },
    });
    expect(await cache.load()).toEqual(firstGrant);
    expect(await h.app.handlers['player:togglePlay'](undefined)).toEqual({ ok: true });
  });

  it('signing out while a switch waits ends both: nothing saved, nothing waiting', async () => {
    const { h, browser, cache } = await signedInWithSwitchableBrowser();
    const opening = browser.holdNext();
    const switching = h.app.handlers['auth:switchAccount'](undefined);
    await opening;
    const state = await h.app.handlers['auth:signOut'](undefined);
    expect(state).toMatchObject({
      account: 'signed-out',
      userName: null,
      switchingAccount: false,
      signInLink: null,
      signInError: null,
    });
    expect((await switching).switchingAccount).toBe(false);
    expect(h.app.getState()).toEqual(state);
    expect(await cache.load()).toBeNull();
    browser.release();
  });

  it('a sign-out while the new grant is being saved leaves nothing saved and no warning', async () => {
    const { h, cache } = await signedInWithSwitchableBrowser();
    let saveStarted!: () => void;
    const saving = new Promise<void>((resolve) => (saveStarted = resolve));
    let releaseSave!: () => void;
    cache.saveGate = { started: saveStarted, gate: new Promise<void>((resolve) => (releaseSave = resolve)) };
    const switching = h.app.handlers['auth:switchAccount'](undefined);
    // The code is exchanged and the new grant is being saved when the user signs out.
    await saving;
    const signingOut = h.app.handlers['auth:signOut'](undefined);
    releaseSave();
    const state = await signingOut;
    await switching;
    expect(state).toMatchObject({ account: 'signed-out', switchingAccount: false, keychainWarning: null });
    expect(await cache.load()).toBeNull();
    // The first account was put back first, then forgotten by the sign-out: one clear in all.
    expect(cache.clears).toBe(1);
  });

  it('signed out, it is a sign-in that shows the account chooser', async () => {
    const browser = holdableBrowser();
    h = await startApp({ deps: { openExternal: browser.openExternal } });
    const opening = browser.holdNext();
    const signingIn = h.app.handlers['auth:switchAccount'](undefined);
    const url = await opening;
    expect(new URL(url).searchParams.get('show_dialog')).toBe('true');
    expect(h.app.getState()).toMatchObject({
      account: 'signing-in',
      switchingAccount: false,
      signInLink: url,
    });
    browser.release();
    expect(await signingIn).toMatchObject({ account: 'signed-in', signInLink: null });
  });
});

describe('the sign-in link', () => {
  it('is the consent address with challenge and state, never a verifier or code; gone after cancel', async () => {
    const browser = holdableBrowser();
    h = await startApp({ deps: { openExternal: browser.openExternal } });
    expect(h.app.getState().signInLink).toBeNull();
    const opening = browser.holdNext();
    const signingIn = h.app.handlers['auth:signIn'](undefined);
    const url = await opening;
    const link = h.app.getState().signInLink;
    expect(link).toBe(url);
    const params = new URL(link!).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).not.toBeNull();
    expect([...params.keys()].sort()).toEqual(
      [
        'client_id',
        'code_challenge',
        'code_challenge_method',
        'redirect_uri',
        'response_type',
        'scope',
        'state',
      ].sort(),
    );
    await h.app.handlers['auth:cancelSignIn'](undefined);
    expect(await signingIn).toMatchObject({ account: 'signed-out', signInLink: null, signInError: null });
  });

  it('when the browser does not open, the sign-in keeps waiting, says so, and completes from the link', async () => {
    h = await startApp({ deps: { openExternal: () => Promise.reject(new Error('xdg-open: no handler')) } });
    const told = stateWhere(h.app, (state) => state.signInError !== null);
    const signingIn = h.app.handlers['auth:signIn'](undefined);
    const waiting = await told;
    expect(waiting).toMatchObject({
      account: 'signing-in',
      signInError: {
        code: 'browser-open',
        message: expect.stringMatching(/could not open your browser.*Copy the sign-in link/) as string,
      },
    });
    expect(waiting.signInLink).toMatch(new RegExp(`^${h.sim.accountsUrl}/authorize\\?`));

    // The user pastes the link into a browser and agrees there.
    await driveConsent(waiting.signInLink!);
    const state = await signingIn;
    expect(state).toMatchObject({
      account: 'signed-in',
      userName: 'Traytune Tester',
      signInError: null,
      signInLink: null,
    });
  });

  it('when the browser does not open and nobody opens the link, it times out as before', async () => {
    h = await startApp({
      deps: { openExternal: () => Promise.reject(new Error('no browser')), signInTimeoutMs: 200 },
    });
    const state = await h.app.handlers['auth:signIn'](undefined);
    expect(state).toMatchObject({
      account: 'signed-out',
      signInLink: null,
      signInError: { code: 'timeout' },
    });
  });
});

describe('the client ID', () => {
  it('an empty or blank client ID is refused with a message, by the contract and by the handler', async () => {
    h = await startApp({ clientId: null });
    const schema = invokeChannels['app:setClientId'].input;
    expect(schema.safeParse({ clientId: '' }).success).toBe(false);
    expect(schema.safeParse({ clientId: '   ' }).success).toBe(false);
    for (const clientId of ['', '   ', '\t\n']) {
      const error = await h.app.handlers['app:setClientId']({ clientId }).catch((e: unknown) => e);
      expect(error, JSON.stringify(clientId)).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toBe(
        'Enter the Client ID of your app from the Spotify developer dashboard.',
      );
    }
    expect(h.app.getState()).toMatchObject({ account: 'no-client-id', clientId: null });
    expect(h.settings.get().clientId).toBeNull();
    expect((await h.app.handlers['app:setClientId']({ clientId: ` ${SEED_CLIENT_ID} ` })).clientId).toBe(
      SEED_CLIENT_ID,
    );
  });
});
