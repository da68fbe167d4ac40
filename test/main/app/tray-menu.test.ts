import { describe, expect, it } from 'vitest';
import {
  buildTrayMenu,
  MAX_LABEL_LENGTH,
  MAX_TOOLTIP_LENGTH,
  miniPlayerPosition,
  repeatChoiceAllowed,
  trayIconState,
  trayMenuKey,
  trayTooltip,
  type TrayMenuItem,
  WINDOW_MARGIN,
} from '../../../src/main/app/tray-menu.ts';
import type { AppState } from '../../../src/shared/app-state.ts';
import { controlState } from '../../../src/shared/player-controls.ts';
import {
  nextRepeatMode,
  type ConnectionStatus,
  type PlayerDevice,
  type PlayerSnapshot,
  type RepeatState,
} from '../../../src/shared/player.ts';
import { appState } from '../../support/app-state.ts';
import { localSnapshot } from '../../support/player-snapshot.ts';

function device(id: string | null, name: string, overrides: Partial<PlayerDevice> = {}): PlayerDevice {
  return {
    id,
    name,
    type: 'Computer',
    isActive: false,
    isRestricted: false,
    volumePercent: 50,
    supportsVolume: true,
    ...overrides,
  };
}

function snapshot(overrides: Partial<PlayerSnapshot> = {}, status: ConnectionStatus = 'ok'): PlayerSnapshot {
  const laptop = device('laptop', 'Laptop', { isActive: true });
  return {
    at: 0,
    connection: {
      status,
      message: status === 'ok' ? null : `Status ${status}. Do something.`,
      rateLimitedUntil: null,
    },
    item: {
      uri: 'spotify:track:abc',
      id: 'abc',
      type: 'track',
      name: 'Song',
      artists: ['Ann', 'Bob'],
      album: 'Album',
      artUrl: null,
      durationMs: 200_000,
      isLocal: false,
    },
    isPlaying: true,
    progressMs: 1000,
    device: laptop,
    volumePercent: 50,
    shuffle: false,
    repeat: 'off',
    liked: false,
    devices: [laptop, device('phone', 'Phone')],
    lastDeviceId: 'laptop',
    contextUri: null,
    disallows: [],
    error: null,
    pending: [],
    ...overrides,
  };
}

const OPTS = { miniPlayerVisible: false };

function withDesktop(app: AppState, desktop: Partial<AppState['desktop']>): AppState {
  return { ...app, desktop: { ...app.desktop, ...desktop } };
}

function find(items: readonly TrayMenuItem[], id: string): TrayMenuItem {
  for (const item of items) {
    if (item.id === id) return item;
    if (item.type === 'submenu') {
      const found = item.submenu.find((child) => child.id === id);
      if (found) return found;
    }
  }
  throw new Error(`no menu item ${id}`);
}

function label(items: readonly TrayMenuItem[], id: string): string {
  const item = find(items, id);
  if (item.type === 'separator') throw new Error('separator');
  return item.label;
}

function enabled(items: readonly TrayMenuItem[], id: string): boolean {
  const item = find(items, id);
  if (item.type === 'separator') throw new Error('separator');
  return item.enabled;
}

describe('buildTrayMenu', () => {
  it('lists the entries in order while playing', () => {
    const menu = buildTrayMenu(appState(), snapshot(), OPTS);
    expect(menu.map((item) => (item.type === 'separator' ? '---' : item.label))).toEqual([
      'Song — Ann, Bob',
      'Copy title and artist',
      '---',
      'Pause',
      'Previous',
      'Next',
      'Like',
      'Shuffle',
      'Repeat',
      'Devices',
      '---',
      'Show mini-player',
      'Sign out',
      'Settings…',
      '---',
      'Quit Traytune',
    ]);
    // The now-playing line opens the mini-player; the item under it copies what it names.
    expect(find(menu, 'now-playing')).toMatchObject({ enabled: true, action: { type: 'show' } });
    expect(find(menu, 'copy-now-playing')).toMatchObject({
      enabled: true,
      action: { type: 'copy', text: 'Song — Ann, Bob' },
    });
    expect(find(menu, 'play-pause')).toMatchObject({ enabled: true, action: { type: 'togglePlay' } });
    expect(find(menu, 'quit')).toMatchObject({ action: { type: 'quit' } });
  });

  it('offers Play when paused and Unlike for a liked track', () => {
    const menu = buildTrayMenu(appState(), snapshot({ isPlaying: false, liked: true }), OPTS);
    expect(label(menu, 'play-pause')).toBe('Play');
    expect(label(menu, 'like')).toBe('Unlike');
    expect(find(menu, 'like')).toMatchObject({ enabled: true, action: { type: 'toggleLike' } });
  });

  it('disables Like while the liked state is unknown or the item is a local file', () => {
    expect(enabled(buildTrayMenu(appState(), snapshot({ liked: null }), OPTS), 'like')).toBe(false);
    const local = snapshot();
    const menu = buildTrayMenu(
      appState(),
      { ...local, item: { ...local.item!, isLocal: true, id: null } },
      OPTS,
    );
    expect(enabled(menu, 'like')).toBe(false);
  });

  it('respects what Spotify disallows', () => {
    const menu = buildTrayMenu(appState(), snapshot({ disallows: ['skipping_next', 'pausing'] }), OPTS);
    expect(enabled(menu, 'next')).toBe(false);
    expect(enabled(menu, 'previous')).toBe(true);
    expect(enabled(menu, 'play-pause')).toBe(false);
  });

  it('paused with the resume disallowed: Play is disabled too (the flag of the press it would make)', () => {
    const menu = buildTrayMenu(appState(), snapshot({ isPlaying: false, disallows: ['resuming'] }), OPTS);
    expect(label(menu, 'play-pause')).toBe('Play');
    expect(enabled(menu, 'play-pause')).toBe(false);
    const pausing = buildTrayMenu(appState(), snapshot({ isPlaying: false, disallows: ['pausing'] }), OPTS);
    expect(enabled(pausing, 'play-pause')).toBe(true);
  });

  it('disables every device entry while Spotify disallows moving playback, and only then', () => {
    const menu = buildTrayMenu(appState(), snapshot({ disallows: ['transferring_playback'] }), OPTS);
    expect(enabled(menu, 'device:phone')).toBe(false);
    expect(enabled(menu, 'device:laptop')).toBe(false);
    expect(enabled(menu, 'refresh-devices')).toBe(true);
    expect(enabled(buildTrayMenu(appState(), snapshot(), OPTS), 'device:phone')).toBe(true);
  });

  it('an ad: "Advertisement", no Like, Next and Previous as Spotify allows them', () => {
    const ad = snapshot({
      item: {
        uri: 'spotify:ad',
        id: null,
        type: 'ad',
        name: 'Advertisement',
        artists: [],
        album: null,
        artUrl: null,
        durationMs: 30_000,
        isLocal: false,
      },
      liked: null,
      disallows: ['skipping_next', 'skipping_prev', 'seeking', 'resuming'],
    });
    const menu = buildTrayMenu(appState(), ad, OPTS);
    expect(label(menu, 'now-playing')).toBe('Advertisement');
    expect(enabled(menu, 'like')).toBe(false);
    expect(enabled(menu, 'next')).toBe(false);
    expect(enabled(menu, 'previous')).toBe(false);
    expect(enabled(menu, 'play-pause')).toBe(true);
    // Even with a liked state (it never has one), an ad is not likeable.
    expect(enabled(buildTrayMenu(appState(), { ...ad, liked: false }, OPTS), 'like')).toBe(false);
    // An ad Spotify lets the user skip: Next works.
    expect(enabled(buildTrayMenu(appState(), { ...ad, disallows: [] }, OPTS), 'next')).toBe(true);
    expect(trayIconState(appState(), ad)).toBe('playing');
  });

  it('an unsupported item: "Unsupported item", no Like, the transport still there', () => {
    const base = snapshot();
    const menu = buildTrayMenu(
      appState(),
      {
        ...base,
        liked: false,
        item: {
          ...base.item!,
          uri: 'spotify:unsupported',
          id: null,
          type: 'unsupported',
          name: 'Unsupported item',
        },
      },
      OPTS,
    );
    expect(label(menu, 'now-playing')).toBe('Unsupported item');
    expect(enabled(menu, 'like')).toBe(false);
    expect(enabled(menu, 'next')).toBe(true);
    expect(enabled(menu, 'play-pause')).toBe(true);
  });

  it('an episode: its name and the show', () => {
    const base = snapshot();
    const menu = buildTrayMenu(
      appState(),
      {
        ...base,
        item: {
          ...base.item!,
          uri: 'spotify:episode:e1',
          id: 'e1',
          type: 'episode',
          name: 'Episode 12',
          artists: ['The Show'],
          album: 'The Show',
        },
      },
      OPTS,
    );
    expect(label(menu, 'now-playing')).toBe('Episode 12 — The Show');
    expect(enabled(menu, 'like')).toBe(true);
  });

  it('the next item loading after a skip: "Loading…", not "Nothing playing"; Like waits, Next stays', () => {
    const loading = snapshot({ item: null, liked: null, isPlaying: true });
    const menu = buildTrayMenu(appState(), loading, OPTS);
    expect(label(menu, 'now-playing')).toBe('Loading…');
    expect(enabled(menu, 'like')).toBe(false);
    expect(enabled(menu, 'next')).toBe(true);
    expect(enabled(menu, 'previous')).toBe(true);
    expect(trayIconState(appState(), loading)).toBe('playing');
    // Paused, a skip still on its way: loading as well.
    const paused = snapshot({
      item: null,
      liked: null,
      isPlaying: false,
      pending: [{ id: 1, kind: 'next' }],
    });
    expect(label(buildTrayMenu(appState(), paused, OPTS), 'now-playing')).toBe('Loading…');
  });

  it('shows the devices as radio items with the active one checked', () => {
    const menu = buildTrayMenu(
      appState(),
      snapshot({
        devices: [
          device('laptop', 'Laptop', { isActive: true }),
          device('tv', 'TV', { isRestricted: true }),
          device(null, 'Hidden'),
        ],
      }),
      OPTS,
    );
    const devices = find(menu, 'devices');
    if (devices.type !== 'submenu') throw new Error('not a submenu');
    expect(devices.submenu.map((item) => item.id)).toEqual([
      'device:laptop',
      'device:tv',
      'sep-devices',
      'refresh-devices',
    ]);
    expect(find(menu, 'device:laptop')).toMatchObject({
      type: 'radio',
      checked: true,
      enabled: true,
      action: { type: 'transfer', deviceId: 'laptop' },
    });
    expect(find(menu, 'device:tv')).toMatchObject({ checked: false, enabled: false });
  });

  it('says when there are no devices, and keeps Play and the devices usable with no active device', () => {
    const menu = buildTrayMenu(
      appState(),
      snapshot({ item: null, isPlaying: false, device: null, devices: [] }, 'no-device'),
      OPTS,
    );
    expect(label(menu, 'now-playing')).toBe('Status no-device');
    expect(find(menu, 'no-devices')).toMatchObject({ enabled: false, label: 'No devices found' });
    expect(enabled(menu, 'play-pause')).toBe(true);
    expect(enabled(menu, 'next')).toBe(false);
    expect(enabled(menu, 'devices')).toBe(true);
    expect(enabled(menu, 'refresh-devices')).toBe(true);
  });

  it('shows the track but refuses commands when Premium is required', () => {
    const menu = buildTrayMenu(appState(), snapshot({}, 'premium-required'), OPTS);
    expect(label(menu, 'now-playing')).toBe('Song — Ann, Bob');
    for (const id of ['play-pause', 'previous', 'next', 'devices']) expect(enabled(menu, id)).toBe(false);
    expect(enabled(menu, 'like')).toBe(true);
  });

  it('shows the state message when offline, cut to its first sentence', () => {
    const menu = buildTrayMenu(appState(), snapshot({}, 'offline'), OPTS);
    expect(label(menu, 'now-playing')).toBe('Status offline');
    expect(enabled(menu, 'play-pause')).toBe(false);
  });

  it.each([
    ['no-client-id', 'Set up Traytune…', 'setUp', 'Not set up yet'],
    ['signed-out', 'Sign in…', 'signIn', 'Not signed in'],
    ['signing-in', 'Cancel sign-in', 'cancelSignIn', 'Signing in…'],
    ['reconnect-needed', 'Reconnect…', 'signIn', 'Sign in again to reconnect'],
  ] as const)('when %s: account entry "%s", player entries disabled', (account, text, action, nowPlaying) => {
    // A stale snapshot from before sign-out must not make the controls look usable.
    const menu = buildTrayMenu(appState({ account }), snapshot(), OPTS);
    expect(find(menu, 'account')).toMatchObject({ label: text, enabled: true, action: { type: action } });
    expect(label(menu, 'now-playing')).toBe(nowPlaying);
    for (const id of ['play-pause', 'previous', 'next', 'like', 'devices'])
      expect(enabled(menu, id)).toBe(false);
    expect(enabled(menu, 'show-hide')).toBe(true);
    expect(enabled(menu, 'settings')).toBe(true);
    expect(enabled(menu, 'quit')).toBe(true);
  });

  it('says Connecting… before the first snapshot, and Nothing playing with nothing loaded', () => {
    expect(label(buildTrayMenu(appState(), null, OPTS), 'now-playing')).toBe('Connecting…');
    expect(
      label(buildTrayMenu(appState(), snapshot({ item: null, isPlaying: false }), OPTS), 'now-playing'),
    ).toBe('Nothing playing');
  });

  it('labels the mini-player entry by its visibility, and its action does what the label says', () => {
    expect(find(buildTrayMenu(appState(), null, { miniPlayerVisible: true }), 'show-hide')).toMatchObject({
      label: 'Hide mini-player',
      action: { type: 'hide' },
    });
    expect(find(buildTrayMenu(appState(), null, { miniPlayerVisible: false }), 'show-hide')).toMatchObject({
      label: 'Show mini-player',
      action: { type: 'show' },
    });
  });

  it('never toggles from the menu: a stale Hide item can only hide', () => {
    for (const miniPlayerVisible of [true, false]) {
      const menu = buildTrayMenu(appState(), snapshot(), { miniPlayerVisible });
      const actions = JSON.stringify(menu);
      expect(actions).not.toContain('"showHide"');
    }
  });

  it('offers Restart to update while a downloaded update waits', () => {
    expect(() => find(buildTrayMenu(appState(), snapshot(), OPTS), 'install-update')).toThrow(/no menu item/);
    const waiting = withDesktop(appState(), { updateReady: '0.3.1' });
    const menu = buildTrayMenu(waiting, snapshot(), OPTS);
    expect(find(menu, 'install-update')).toMatchObject({
      label: 'Restart to update (0.3.1)',
      enabled: true,
      action: { type: 'installUpdate' },
    });
    // Just above Quit, in every account state.
    const ids = menu.map((item) => item.id);
    expect(ids.indexOf('install-update')).toBe(ids.indexOf('sep-quit') - 1);
    expect(
      find(
        buildTrayMenu(withDesktop(appState({ account: 'signed-out' }), { updateReady: '0.3.1' }), null, OPTS),
        'install-update',
      ),
    ).toMatchObject({ enabled: true });
  });

  it('keeps labels short', () => {
    const long = snapshot();
    const menu = buildTrayMenu(appState(), { ...long, item: { ...long.item!, name: 'x'.repeat(200) } }, OPTS);
    const text = label(menu, 'now-playing');
    expect([...text]).toHaveLength(MAX_LABEL_LENGTH);
    expect(text.endsWith('…')).toBe(true);
  });

  it('copies "title — artist" in full, an episode with its show, a title alone when no artist is named', () => {
    const item = snapshot().item!;
    const copyOf = (player: PlayerSnapshot | null, app = appState()) =>
      find(buildTrayMenu(app, player, OPTS), 'copy-now-playing');
    const long = `${'x'.repeat(80)} — end`;
    expect(copyOf(snapshot({ item: { ...item, name: long } }))).toMatchObject({
      action: { type: 'copy', text: `${long} — Ann, Bob` },
    });
    expect(
      copyOf(snapshot({ item: { ...item, type: 'episode', name: 'Episode 12', album: 'The Show' } })),
    ).toMatchObject({
      label: 'Copy title and show',
      enabled: true,
      action: { type: 'copy', text: 'Episode 12 — The Show' },
    });
    expect(copyOf(snapshot({ item: { ...item, artists: [] } }))).toMatchObject({
      label: 'Copy title',
      action: { type: 'copy', text: 'Song' },
    });
    // Reads go on while commands wait: what plays can still be copied.
    expect(copyOf(snapshot({}, 'rate-limited'))).toMatchObject({ enabled: true });
  });

  it('has nothing to copy without a track or episode playing, or when not signed in', () => {
    const item = snapshot().item!;
    const nothing: [string, PlayerSnapshot | null, AppState][] = [
      ['nothing loaded', snapshot({ item: null, isPlaying: false }), appState()],
      ['a skip loading', snapshot({ item: null, isPlaying: true }), appState()],
      ['an ad', snapshot({ item: { ...item, type: 'ad', name: 'Advertisement' } }), appState()],
      ['an unsupported item', snapshot({ item: { ...item, type: 'unsupported' } }), appState()],
      ['no snapshot yet', null, appState()],
      ['offline', snapshot({}, 'offline'), appState()],
      ['signed out', snapshot(), appState({ account: 'signed-out' })],
    ];
    for (const [why, player, app] of nothing) {
      expect([why, find(buildTrayMenu(app, player, OPTS), 'copy-now-playing')]).toEqual([
        why,
        {
          type: 'normal',
          id: 'copy-now-playing',
          label: 'Copy title and artist',
          enabled: false,
          action: null,
        },
      ]);
    }
  });

  it('the now-playing line opens the mini-player in every state', () => {
    for (const account of ['no-client-id', 'signed-out', 'signing-in', 'signed-in'] as const) {
      expect(find(buildTrayMenu(appState({ account }), null, OPTS), 'now-playing')).toMatchObject({
        enabled: true,
        action: { type: 'show' },
      });
    }
  });

  it('Shuffle: a checkbox showing the state, whose action sets the opposite', () => {
    expect(find(buildTrayMenu(appState(), snapshot(), OPTS), 'shuffle')).toEqual({
      type: 'checkbox',
      id: 'shuffle',
      label: 'Shuffle',
      checked: false,
      enabled: true,
      action: { type: 'setShuffle', on: true },
    });
    expect(find(buildTrayMenu(appState(), snapshot({ shuffle: true }), OPTS), 'shuffle')).toMatchObject({
      checked: true,
      action: { type: 'setShuffle', on: false },
    });
  });

  it('Repeat: off, all and one track as radio items, the current one checked', () => {
    const menu = buildTrayMenu(appState(), snapshot({ repeat: 'context' }), OPTS);
    const repeat = find(menu, 'repeat');
    if (repeat.type !== 'submenu') throw new Error('not a submenu');
    expect(repeat.enabled).toBe(true);
    expect(repeat.submenu).toEqual([
      {
        type: 'radio',
        id: 'repeat:off',
        label: 'Off',
        checked: false,
        enabled: true,
        action: { type: 'setRepeat', mode: 'off' },
      },
      {
        type: 'radio',
        id: 'repeat:context',
        label: 'All',
        checked: true,
        enabled: true,
        action: { type: 'setRepeat', mode: 'context' },
      },
      {
        type: 'radio',
        id: 'repeat:track',
        label: 'One track',
        checked: false,
        enabled: true,
        action: { type: 'setRepeat', mode: 'track' },
      },
    ]);
  });

  it('Shuffle and Repeat follow what Spotify disallows, as the mini-player does', () => {
    const shuffle = buildTrayMenu(appState(), snapshot({ disallows: ['toggling_shuffle'] }), OPTS);
    expect(enabled(shuffle, 'shuffle')).toBe(false);
    expect(enabled(shuffle, 'repeat')).toBe(true);
    // Repeat all is not allowed: All is greyed, and from All, turning it off is too (it leaves All).
    const noContext = buildTrayMenu(appState(), snapshot({ disallows: ['toggling_repeat_context'] }), OPTS);
    expect(['repeat:off', 'repeat:context', 'repeat:track'].map((id) => enabled(noContext, id))).toEqual([
      true,
      false,
      true,
    ]);
    const fromAll = buildTrayMenu(
      appState(),
      snapshot({ repeat: 'context', disallows: ['toggling_repeat_context'] }),
      OPTS,
    );
    expect(['repeat:off', 'repeat:context', 'repeat:track'].map((id) => enabled(fromAll, id))).toEqual([
      false,
      true,
      true,
    ]);
  });

  it("Repeat agrees with the mini-player's button on the step it offers (off → all → one → off)", () => {
    const flags = ['toggling_repeat_context', 'toggling_repeat_track'];
    const disallowSets = [[], [flags[0]!], [flags[1]!], flags];
    for (const repeat of ['off', 'context', 'track'] as RepeatState[]) {
      for (const disallows of disallowSets) {
        const live = snapshot({ repeat, disallows });
        expect([repeat, disallows, repeatChoiceAllowed(live, nextRepeatMode(repeat))]).toEqual([
          repeat,
          disallows,
          controlState(live, 'repeat').enabled,
        ]);
      }
    }
  });

  it('Shuffle and Repeat need a device playing: greyed with no device, offline, Premium needed or signed out', () => {
    const cases: [string, AppState, PlayerSnapshot | null][] = [
      ['no device', appState(), snapshot({ device: null, item: null }, 'no-device')],
      ['offline', appState(), snapshot({}, 'offline')],
      ['premium required', appState(), snapshot({}, 'premium-required')],
      ['rate limited', appState(), snapshot({}, 'rate-limited')],
      ['no snapshot yet', appState(), null],
      ['signed out', appState({ account: 'signed-out' }), snapshot()],
    ];
    for (const [why, app, player] of cases) {
      const menu = buildTrayMenu(app, player, OPTS);
      expect([why, enabled(menu, 'shuffle'), enabled(menu, 'repeat'), enabled(menu, 'repeat:off')]).toEqual([
        why,
        false,
        false,
        false,
      ]);
    }
  });

  it('gives every item a unique id', () => {
    const menu = buildTrayMenu(appState(), snapshot(), OPTS);
    const ids = menu.flatMap((item) => [
      item.id,
      ...(item.type === 'submenu' ? item.submenu.map((c) => c.id) : []),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('trayIconState and trayTooltip', () => {
  it('maps the snapshot to playing, paused or idle while signed in', () => {
    const app = appState();
    expect(trayIconState(app, snapshot())).toBe('playing');
    expect(trayIconState(app, snapshot({ isPlaying: false }))).toBe('paused');
    expect(trayIconState(app, snapshot({ item: null, isPlaying: false }))).toBe('idle');
    expect(trayIconState(app, snapshot({ item: null, isPlaying: false }, 'no-device'))).toBe('idle');
    expect(trayIconState(app, snapshot({}, 'rate-limited'))).toBe('playing');
    expect(trayIconState(app, null)).toBe('idle');
    expect(trayIconState(appState({ account: 'signing-in' }), null)).toBe('idle');
  });

  it('asks for attention when not signed in, or stopped by what only the user can solve', () => {
    for (const account of ['no-client-id', 'signed-out', 'reconnect-needed'] as const) {
      expect(trayIconState(appState({ account }), snapshot())).toBe('attention');
      expect(trayIconState(appState({ account }), null)).toBe('attention');
    }
    const needsTheUser: ConnectionStatus[] = [
      'signed-out',
      'reconnect-needed',
      'quota-exceeded',
      'premium-required',
      'offline',
    ];
    for (const status of needsTheUser) {
      expect(trayIconState(appState(), snapshot({}, status))).toBe('attention');
    }
  });

  it('names the app and what is playing', () => {
    expect(trayTooltip(appState(), snapshot())).toBe('Traytune\nSong — Ann, Bob');
    expect(trayTooltip(appState(), snapshot({ isPlaying: false }))).toBe('Traytune\nPaused: Song — Ann, Bob');
    expect(trayTooltip(appState({ account: 'signed-out' }), snapshot())).toBe('Traytune\nNot signed in');
  });

  it('fits the Windows tooltip limit', () => {
    const long = snapshot();
    const tip = trayTooltip(appState(), { ...long, item: { ...long.item!, artists: ['y'.repeat(300)] } });
    expect([...tip].length).toBeLessThanOrEqual(MAX_TOOLTIP_LENGTH);
  });
});

describe('local mode (no account, Spotify running on this computer)', () => {
  const NOT_CONNECTED = ['no-client-id', 'signed-out', 'reconnect-needed'] as const;
  /** This file's track ("Song — Ann, Bob") in local mode. */
  const local = (patch: Partial<PlayerSnapshot> = {}): PlayerSnapshot =>
    localSnapshot({ item: snapshot().item, ...patch });

  it('shows "Title — Artists" and enables play/pause, previous and next for every account it stands in for', () => {
    for (const account of NOT_CONNECTED) {
      const items = buildTrayMenu(appState({ account }), local(), OPTS);
      expect(label(items, 'now-playing')).toBe('Song — Ann, Bob');
      expect(label(items, 'play-pause')).toBe('Pause');
      for (const id of ['play-pause', 'previous', 'next']) expect(enabled(items, id), id).toBe(true);
      expect(label(items, 'copy-now-playing')).toBe('Copy title and artist');
      expect(enabled(items, 'copy-now-playing')).toBe(true);
    }
    expect(
      label(
        buildTrayMenu(appState({ account: 'signed-out' }), local({ isPlaying: false }), OPTS),
        'play-pause',
      ),
    ).toBe('Play');
  });

  it('disables what needs an account: Like, Shuffle, Repeat and Devices', () => {
    const items = buildTrayMenu(appState({ account: 'no-client-id' }), local(), OPTS);
    for (const id of ['like', 'shuffle', 'repeat', 'devices', 'refresh-devices', 'repeat:off']) {
      expect(enabled(items, id), id).toBe(false);
    }
    // Even if a liked state or devices came along, local mode's rules (controlState) keep them shut.
    const rich = buildTrayMenu(
      appState({ account: 'signed-out' }),
      local({ liked: false, devices: [device('phone', 'Phone')] }),
      OPTS,
    );
    for (const id of ['like', 'devices', 'device:phone']) expect(enabled(rich, id), id).toBe(false);
  });

  it('keeps the account entry: Set up…, Sign in…, Reconnect…', () => {
    const action = (account: (typeof NOT_CONNECTED)[number]) => {
      const item = find(buildTrayMenu(appState({ account }), local(), OPTS), 'account');
      return item.type === 'normal' ? [item.label, item.action?.type] : null;
    };
    expect(action('no-client-id')).toEqual(['Set up Traytune…', 'setUp']);
    expect(action('signed-out')).toEqual(['Sign in…', 'signIn']);
    expect(action('reconnect-needed')).toEqual(['Reconnect…', 'signIn']);
  });

  it('follows what the local player refuses, and says Nothing playing when it has no track', () => {
    const stuck = buildTrayMenu(
      appState({ account: 'signed-out' }),
      local({ disallows: ['skipping_next'] }),
      OPTS,
    );
    expect(enabled(stuck, 'next')).toBe(false);
    expect(enabled(stuck, 'previous')).toBe(true);
    const stopped = buildTrayMenu(
      appState({ account: 'signed-out' }),
      local({ item: null, isPlaying: false }),
      OPTS,
    );
    expect(label(stopped, 'now-playing')).toBe('Nothing playing');
    expect(enabled(stopped, 'next')).toBe(false);
    expect(enabled(stopped, 'copy-now-playing')).toBe(false);
  });

  it('the icon and tooltip are playing or paused, not attention', () => {
    for (const account of NOT_CONNECTED) {
      expect(trayIconState(appState({ account }), local())).toBe('playing');
      expect(trayIconState(appState({ account }), local({ isPlaying: false }))).toBe('paused');
      expect(trayIconState(appState({ account }), local({ item: null, isPlaying: false }))).toBe('idle');
      expect(trayTooltip(appState({ account }), local())).toBe('Traytune\nSong — Ann, Bob');
      expect(trayTooltip(appState({ account }), local({ isPlaying: false }))).toBe(
        'Traytune\nPaused: Song — Ann, Bob',
      );
    }
  });

  it('is local mode only while no account is connected: otherwise the account decides', () => {
    // Signing in has its screen and its entry; a signed-in app with a stale local snapshot still shows it
    // under local mode's rules.
    const signingIn = buildTrayMenu(appState({ account: 'signing-in' }), local(), OPTS);
    expect(label(signingIn, 'now-playing')).toBe('Signing in…');
    expect(enabled(signingIn, 'play-pause')).toBe(false);
    expect(trayIconState(appState({ account: 'signing-in' }), local())).toBe('idle');
    const signedIn = buildTrayMenu(appState({ account: 'signed-in' }), local(), OPTS);
    expect(enabled(signedIn, 'like')).toBe(false);
    // Not signed in and no local player: the not-connected menu and the attention icon, as before.
    const away = buildTrayMenu(appState({ account: 'signed-out' }), snapshot({}, 'signed-out'), OPTS);
    expect(label(away, 'now-playing')).toBe('Not signed in');
    expect(enabled(away, 'play-pause')).toBe(false);
    expect(trayIconState(appState({ account: 'signed-out' }), snapshot({}, 'signed-out'))).toBe('attention');
  });
});

describe('miniPlayerPosition', () => {
  const size = { width: 360, height: 200 };
  const workArea = { x: 0, y: 30, width: 1920, height: 1050 };

  it('opens below a tray at the top of the screen, centred on the icon', () => {
    const trayBounds = { x: 1500, y: 0, width: 24, height: 24 };
    expect(miniPlayerPosition({ size, workArea, trayBounds, saved: null })).toEqual({ x: 1332, y: 32 });
  });

  it('opens above a tray at the bottom, kept inside the work area at the right edge', () => {
    const bottom = { x: 0, y: 0, width: 1920, height: 1040 };
    const trayBounds = { x: 1890, y: 1045, width: 24, height: 30 };
    expect(miniPlayerPosition({ size, workArea: bottom, trayBounds, saved: null })).toEqual({
      x: 1560,
      y: 837,
    });
  });

  it('falls back to the top-right corner when the tray bounds are unknown (Linux)', () => {
    const zero = { x: 0, y: 0, width: 0, height: 0 };
    const expected = { x: 1920 - 360 - WINDOW_MARGIN, y: 30 + WINDOW_MARGIN };
    expect(miniPlayerPosition({ size, workArea, trayBounds: zero, saved: null })).toEqual(expected);
    expect(miniPlayerPosition({ size, workArea, trayBounds: null, saved: null })).toEqual(expected);
  });

  it('uses the saved position, pulled back on screen if the display shrank', () => {
    expect(miniPlayerPosition({ size, workArea, trayBounds: null, saved: { x: 100, y: 200 } })).toEqual({
      x: 100,
      y: 200,
    });
    expect(miniPlayerPosition({ size, workArea, trayBounds: null, saved: { x: 5000, y: -50 } })).toEqual({
      x: 1560,
      y: 30,
    });
  });
});

describe('trayMenuKey', () => {
  const keyOf = (app: AppState, player: PlayerSnapshot | null, opts = OPTS) =>
    trayMenuKey(buildTrayMenu(app, player, opts));

  it('stays the same through what the menu does not show (progress, volume, pending, the context…)', () => {
    const ticked = snapshot({
      at: 5_000,
      progressMs: 6_000,
      volumePercent: 80,
      pending: [{ id: 3, kind: 'volume' }],
      contextUri: 'spotify:playlist:x',
      lastDeviceId: 'phone',
    });
    expect(keyOf(appState(), ticked)).toBe(keyOf(appState(), snapshot()));
  });

  it('changes with what the menu shows, shuffle and repeat included', () => {
    const base = keyOf(appState(), snapshot());
    const item = snapshot().item!;
    for (const changed of [
      snapshot({ shuffle: true }),
      snapshot({ repeat: 'context' }),
      snapshot({ repeat: 'track' }),
      snapshot({ isPlaying: false }),
      snapshot({ liked: true }),
      snapshot({ disallows: ['toggling_shuffle'] }),
      // Past the 60 characters the label shows, only the copied text differs.
      snapshot({ item: { ...item, name: `${'x'.repeat(70)}a` } }),
    ]) {
      expect(keyOf(appState(), changed)).not.toBe(base);
    }
    expect(keyOf(appState(), snapshot(), { miniPlayerVisible: true })).not.toBe(base);
    expect(keyOf(withDesktop(appState(), { updateReady: '0.3.1' }), snapshot())).not.toBe(base);
    const long = (name: string) => keyOf(appState(), snapshot({ item: { ...item, name } }));
    expect(long(`${'x'.repeat(70)}a`)).not.toBe(long(`${'x'.repeat(70)}b`));
  });
});
