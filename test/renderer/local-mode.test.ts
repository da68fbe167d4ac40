import { describe, expect, it } from 'vitest';
import type { AccountStatus, AppState } from '../../src/shared/app-state.ts';
import { USER_MESSAGES } from '../../src/shared/messages.ts';
import type { ConnectionStatus, PlayerSnapshot } from '../../src/shared/player.ts';
import { createPlayerActions, runKeyAction } from '../../src/renderer/actions.ts';
import { createStore, INITIAL_STATE, type Api } from '../../src/renderer/api.ts';
import { LETTER_KEYS, type KeyAction } from '../../src/renderer/keyboard.ts';
import {
  accountStep,
  keyNeedsAccount,
  NEEDS_ACCOUNT_COPY,
  needsAccount,
} from '../../src/renderer/local-mode.ts';
import { isLocalMode } from '../../src/shared/player-controls.ts';
import { appState } from '../support/app-state.ts';
import { localSnapshot, playingSnapshot } from '../support/player-snapshot.ts';

const NOT_CONNECTED: readonly AccountStatus[] = ['no-client-id', 'signed-out', 'reconnect-needed'];

function app(account: AccountStatus): AppState {
  return appState({ account, userName: null });
}

function withStatus(status: ConnectionStatus): PlayerSnapshot {
  return playingSnapshot({ connection: { status, message: null, rateLimitedUntil: null } });
}

describe('isLocalMode', () => {
  it('is the local snapshot while no account is connected', () => {
    for (const account of NOT_CONNECTED)
      expect(isLocalMode(app(account), localSnapshot()), account).toBe(true);
  });

  it('is not while signing in or signed in, before anything loaded, or without a local player', () => {
    expect(isLocalMode(app('signing-in'), localSnapshot())).toBe(false);
    expect(isLocalMode(app('signed-in'), localSnapshot())).toBe(false);
    expect(isLocalMode(null, localSnapshot())).toBe(false);
    expect(isLocalMode(app('signed-out'), null)).toBe(false);
    // The local player quit: main's not-connected snapshot, and the account's own screen again.
    expect(isLocalMode(app('signed-out'), withStatus('signed-out'))).toBe(false);
    expect(isLocalMode(app('reconnect-needed'), withStatus('reconnect-needed'))).toBe(false);
  });
});

describe('accountStep', () => {
  it('sets up without a Client ID, else signs in (again, after an expired sign-in)', () => {
    expect(accountStep('no-client-id')).toEqual({ kind: 'set-up', label: 'Set up Traytune' });
    expect(accountStep('signed-out')).toEqual({ kind: 'sign-in', label: 'Sign in' });
    expect(accountStep('reconnect-needed')).toEqual({ kind: 'sign-in', label: 'Sign in again' });
  });
});

describe('needsAccount', () => {
  it('Search, Library, Queue and Devices need an account; Now playing and Settings do not', () => {
    expect(['now', 'search', 'library', 'queue', 'devices', 'settings'].filter(needsAccount)).toEqual([
      'search',
      'library',
      'queue',
      'devices',
    ]);
    for (const copy of Object.values(NEEDS_ACCOUNT_COPY)) expect(copy.text).toMatch(/Spotify account\.$/);
  });
});

describe('the in-window keys in local mode', () => {
  const EVERY_KEY: readonly KeyAction[] = [
    'togglePlay',
    'seekBack',
    'seekForward',
    'volumeUp',
    'volumeDown',
    ...LETTER_KEYS.map((entry) => entry.action),
  ];

  it('only Space, N and P go to the local player', () => {
    expect(EVERY_KEY.filter((key) => !keyNeedsAccount(key, localSnapshot()))).toEqual([
      'togglePlay',
      'next',
      'previous',
    ]);
    // Signed in, no key needs anything more.
    expect(EVERY_KEY.filter((key) => keyNeedsAccount(key, playingSnapshot()))).toEqual([]);
    expect(keyNeedsAccount('volumeUp', null)).toBe(false);
  });

  it('the others send nothing and say that they need an account', () => {
    const sent: string[] = [];
    const api = new Proxy({} as Api, {
      get: (_, area) =>
        new Proxy(
          {},
          {
            get: (__, call) => (input?: unknown) => {
              sent.push(`${String(area)}.${String(call)}${input === undefined ? '' : JSON.stringify(input)}`);
              return Promise.resolve({ ok: true });
            },
          },
        ),
    });
    const store = createStore({ ...INITIAL_STATE, snapshot: localSnapshot(), snapshotReceivedAt: 0 });
    const actions = createPlayerActions(api, store, () => 0);
    for (const key of EVERY_KEY.filter((k) => !['togglePlay', 'next', 'previous'].includes(k))) {
      const before = store.get().announcement?.seq ?? 0;
      runKeyAction(key, actions, store);
      expect([key, store.get().announcement]).toEqual([
        key,
        { text: USER_MESSAGES.needsAccount, seq: before + 1 },
      ]);
    }
    expect(sent).toEqual([]);
    for (const key of ['togglePlay', 'next', 'previous'] as const) runKeyAction(key, actions, store);
    expect(sent).toEqual(['player.togglePlay', 'player.next', 'player.previous']);
  });
});
