import { describe, expect, it } from 'vitest';
import type { AccountStatus, AppState, LocalPlayerStatus } from '../../src/shared/app-state.ts';
import { localPlayerEntry, PUSHING_NOTE } from '../../src/renderer/local-player-status.ts';
import { appState } from '../support/app-state.ts';

const NO_BUS =
  'Traytune cannot reach the desktop session bus (D-Bus), so it cannot see a Spotify player on this computer.';
const AUTOMATION = 'Allow Traytune to control Spotify in System Settings › Privacy & Security › Automation.';
const NOT_SIGNED_IN: readonly AccountStatus[] = [
  'no-client-id',
  'signed-out',
  'signing-in',
  'reconnect-needed',
];

function app(account: AccountStatus, localPlayer: Partial<LocalPlayerStatus> = {}): AppState {
  return appState({ account, localPlayer: { name: null, problem: null, pushing: false, ...localPlayer } });
}

describe('localPlayerEntry', () => {
  it('names the player followed', () => {
    for (const account of [...NOT_SIGNED_IN, 'signed-in'] as const) {
      expect(localPlayerEntry(app(account, { name: 'Spotify' })).followed).toBe(
        'Traytune follows Spotify, running on this computer.',
      );
    }
    expect(localPlayerEntry(app('signed-out', { name: 'spotifyd' })).followed).toMatch(
      /^Traytune follows spotifyd,/,
    );
  });

  it('says when none runs, and what starting it brings before an account', () => {
    const entry = localPlayerEntry(app('no-client-id'));
    expect(entry).toEqual({
      followed: 'The Spotify app is not running on this computer.',
      problem: null,
      note: 'Start it, and Traytune plays, pauses and skips through it, even before you sign in.',
    });
  });

  it('in local mode adds nothing to what the banner says', () => {
    for (const account of NOT_SIGNED_IN)
      expect(localPlayerEntry(app(account, { name: 'Spotify' })).note).toBeNull();
  });

  it('signed in: changes arrive from the player while it pushes, else Traytune polls', () => {
    expect(localPlayerEntry(app('signed-in', { name: 'Spotify', pushing: true })).note).toBe(PUSHING_NOTE);
    expect(localPlayerEntry(app('signed-in', { name: 'Spotify' })).note).toBe(
      'Traytune polls Spotify for changes until it sees the music playing in this app.',
    );
    expect(localPlayerEntry(app('signed-in')).note).toBe(
      'Traytune polls Spotify for changes; while the Spotify app plays here, they arrive from it.',
    );
  });

  it('tells the problem as main said it, once: blocking only while no account is connected', () => {
    const signedOut = localPlayerEntry(app('signed-out', { problem: NO_BUS }));
    // The problem says why no player can be seen: no second line saying the same, no promise.
    expect(signedOut).toEqual({ followed: null, problem: { text: NO_BUS, blocks: true }, note: null });
    const signedIn = localPlayerEntry(app('signed-in', { problem: NO_BUS }));
    expect(signedIn).toEqual({
      followed: null,
      problem: { text: NO_BUS, blocks: false },
      note: 'Traytune polls Spotify for changes.',
    });
    // A standing problem with a player there (macOS: Automation refused): both are said.
    const refused = localPlayerEntry(app('no-client-id', { name: 'Spotify', problem: AUTOMATION }));
    expect(refused.followed).toMatch(/^Traytune follows Spotify/);
    expect(refused.problem).toEqual({ text: AUTOMATION, blocks: true });
  });

  it('on Windows says it cannot follow the app yet, and promises nothing', () => {
    const windows = (account: AccountStatus): AppState => ({
      ...app(account),
      desktop: { ...app(account).desktop, platform: 'win32' },
    });
    expect(localPlayerEntry(windows('no-client-id'))).toEqual({
      followed: 'Traytune cannot follow the Spotify app on Windows yet.',
      problem: null,
      note: null,
    });
    expect(localPlayerEntry(windows('signed-in')).note).toBe('Traytune polls Spotify for changes.');
  });
});
