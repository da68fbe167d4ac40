import type { AppState } from '../../src/shared/app-state.ts';

/** The Client ID the fixture's accounts were set up with (a well-formed one: 32 hex digits). */
const FIXTURE_CLIENT_ID = '0123456789abcdef0123456789abcdef';

/**
 * An AppState as main publishes it, for the renderer's and the tray's tests: signed in as Ada on Linux,
 * nothing waiting, no local player; `overrides` replace whole fields. With `account: 'no-client-id'` the
 * Client ID is null unless given, as main has it then.
 */
export function appState(overrides: Partial<AppState> = {}): AppState {
  const account = overrides.account ?? 'signed-in';
  return {
    account,
    clientId: account === 'no-client-id' ? null : FIXTURE_CLIENT_ID,
    redirectUriToRegister: 'http://127.0.0.1/callback',
    dashboardUrl: 'https://developer.spotify.com/dashboard',
    userName: 'Ada',
    signInError: null,
    reconnectBy: null,
    keychainWarning: null,
    signInLink: null,
    switchingAccount: false,
    localPlayer: { name: null, problem: null, pushing: false },
    desktop: {
      platform: 'linux',
      wayland: false,
      mediaKeysNeedAccessibility: false,
      shortcutChangeNeedsRestart: false,
      updateReady: null,
    },
    requests: { lastHour: 0, today: 0, dailyBudget: 1_000, nextReadAt: null },
    ...overrides,
  };
}
