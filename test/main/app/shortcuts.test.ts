import { describe, expect, it } from 'vitest';
import {
  commandForShortcut,
  isValidAccelerator,
  normalizeAccelerator,
  planShortcuts,
  shortcutStatusFrom,
  shortcutTable,
  steppedVolume,
  unregisteredResults,
  VOLUME_STEP,
} from '../../../src/main/app/shortcuts.ts';
import { V0_1_DEFAULT_SHORTCUTS } from '../../../src/main/settings/migrations.ts';
import { DEFAULT_SETTINGS, SHORTCUT_STATES, type Settings } from '../../../src/shared/settings.ts';

/** A user who bound every shortcut (to what 0.1.0 bound by default). */
const ALL_BOUND: Settings['shortcuts'] = { ...V0_1_DEFAULT_SHORTCUTS };

function settings(
  overrides: Partial<Settings> = {},
  shortcuts: Partial<Settings['shortcuts']> = {},
): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides, shortcuts: { ...ALL_BOUND, ...shortcuts } };
}

describe('the defaults', () => {
  it('bind only the media keys: every other shortcut is opt-in', () => {
    expect(shortcutTable(DEFAULT_SETTINGS).map((e) => e.id)).toEqual([
      'mediaPlayPause',
      'mediaNext',
      'mediaPrevious',
    ]);
    expect(Object.values(DEFAULT_SETTINGS.shortcuts).every((value) => value === null)).toBe(true);
  });
});

describe('shortcutTable', () => {
  it('has the media keys first, then every user shortcut', () => {
    expect(shortcutTable(settings()).map((e) => [e.id, e.action, e.accelerator, e.kind])).toEqual([
      ['mediaPlayPause', 'playPause', 'MediaPlayPause', 'media'],
      ['mediaNext', 'next', 'MediaNextTrack', 'media'],
      ['mediaPrevious', 'previous', 'MediaPreviousTrack', 'media'],
      ['playPause', 'playPause', 'CommandOrControl+Alt+P', 'user'],
      ['next', 'next', 'CommandOrControl+Alt+Right', 'user'],
      ['previous', 'previous', 'CommandOrControl+Alt+Left', 'user'],
      ['toggleLike', 'toggleLike', 'CommandOrControl+Alt+L', 'user'],
      ['volumeUp', 'volumeUp', 'CommandOrControl+Alt+Up', 'user'],
      ['volumeDown', 'volumeDown', 'CommandOrControl+Alt+Down', 'user'],
      ['showHide', 'showHide', 'CommandOrControl+Alt+S', 'user'],
    ]);
  });

  it('leaves out the media keys when they are off, and unbound shortcuts', () => {
    const table = shortcutTable(settings({ mediaKeys: false }, { toggleLike: null, showHide: null }));
    expect(table.map((e) => e.id)).toEqual(['playPause', 'next', 'previous', 'volumeUp', 'volumeDown']);
    expect(table.every((e) => e.kind === 'user')).toBe(true);
  });
});

describe('planShortcuts', () => {
  it('registers everything when nothing collides', () => {
    const plan = planShortcuts(settings(), 'linux');
    expect(plan.register).toHaveLength(10);
    expect(plan.duplicates).toEqual([]);
    expect(plan.invalid).toEqual([]);
  });

  it('reports a duplicate accelerator as a duplicate instead of registering it twice', () => {
    const plan = planShortcuts(settings({}, { toggleLike: 'Alt+CommandOrControl+p' }), 'linux');
    expect(plan.register.map((e) => e.id)).not.toContain('toggleLike');
    expect(plan.duplicates.map((e) => e.id)).toEqual(['toggleLike']);
    expect(unregisteredResults(plan)).toEqual([{ id: 'toggleLike', status: 'duplicate' }]);
  });

  it('never registers an invalid accelerator, and an invalid one takes no keys', () => {
    const plan = planShortcuts(
      settings(
        {},
        { playPause: 'P', next: 'Shift+Right', previous: 'Ctrl+Banana', toggleLike: 'Ctrl+Alt+P' },
      ),
      'linux',
    );
    expect(plan.invalid.map((e) => e.id)).toEqual(['playPause', 'next', 'previous']);
    expect(plan.register.map((e) => e.id)).toContain('toggleLike');
    expect(plan.register.map((e) => e.id)).not.toContain('playPause');
    expect(plan.duplicates).toEqual([]);
    expect(unregisteredResults(plan)).toEqual([
      { id: 'playPause', status: 'invalid' },
      { id: 'next', status: 'invalid' },
      { id: 'previous', status: 'invalid' },
    ]);
  });

  it('judges Command by the platform: it does nothing on Windows and Linux', () => {
    const commandOnly = settings({}, { playPause: 'Command+P' });
    expect(planShortcuts(commandOnly, 'darwin').invalid).toEqual([]);
    expect(planShortcuts(commandOnly, 'win32').invalid.map((e) => e.id)).toEqual(['playPause']);
    expect(planShortcuts(commandOnly, 'freebsd').invalid.map((e) => e.id)).toEqual(['playPause']);
  });

  it('catches a user shortcut bound to a media key', () => {
    const plan = planShortcuts(settings({}, { next: 'MediaNextTrack' }), 'win32');
    expect(plan.duplicates.map((e) => e.id)).toEqual(['next']);
    expect(
      planShortcuts(settings({ mediaKeys: false }, { next: 'MediaNextTrack' }), 'win32').duplicates,
    ).toEqual([]);
  });

  it('folds CommandOrControl per platform', () => {
    const both = settings({}, { playPause: 'Ctrl+Alt+P', toggleLike: 'CommandOrControl+Alt+P' });
    expect(planShortcuts(both, 'linux').duplicates.map((e) => e.id)).toEqual(['toggleLike']);
    expect(planShortcuts(both, 'darwin').duplicates).toEqual([]);
  });
});

describe('normalizeAccelerator', () => {
  it('ignores case, order and aliases', () => {
    expect(normalizeAccelerator('CmdOrCtrl+Shift+K', 'linux')).toBe(
      normalizeAccelerator('shift+control+k', 'linux'),
    );
    expect(normalizeAccelerator('Option+Cmd+K', 'darwin')).toBe(
      normalizeAccelerator('Command+Alt+K', 'darwin'),
    );
    expect(normalizeAccelerator('Alt+K', 'linux')).not.toBe(normalizeAccelerator('Alt+J', 'linux'));
  });
});

describe('isValidAccelerator', () => {
  it('accepts modifiers with one key, F-keys and media keys alone', () => {
    for (const accelerator of [
      'CommandOrControl+Alt+P',
      'CmdOrCtrl+Shift+K',
      'Ctrl+Alt+Right',
      'Alt+/',
      'Control+Shift+Plus',
      'Super+Space',
      'Option+Cmd+num5',
      'ctrl+alt+pageup',
      'F13',
      'Shift+F24',
      'MediaPlayPause',
      'VolumeMute',
    ]) {
      expect(isValidAccelerator(accelerator), accelerator).toBe(true);
    }
  });

  it('refuses a plain key, Shift or AltGr alone, unknown names and broken forms', () => {
    for (const accelerator of [
      'P',
      'Shift+P',
      'AltGr+L',
      'Space',
      'F25',
      'Ctrl+Banana',
      'Hyper+P',
      'Ctrl+Alt',
      'Ctrl+P+Q',
      'Ctrl++',
      '',
      'Ctrl+ł',
    ]) {
      expect(isValidAccelerator(accelerator), accelerator).toBe(false);
    }
  });
});

describe('shortcutStatusFrom', () => {
  it('passes every status through', () => {
    for (const status of SHORTCUT_STATES) {
      expect(shortcutStatusFrom([{ id: 'next', status }]).next).toBe(status);
    }
  });

  it('reports registered and conflict entries, everything else off', () => {
    expect(
      shortcutStatusFrom([
        { id: 'mediaPlayPause', status: 'registered' },
        { id: 'playPause', status: 'conflict' },
      ]),
    ).toEqual({
      playPause: 'conflict',
      next: 'off',
      previous: 'off',
      toggleLike: 'off',
      volumeUp: 'off',
      volumeDown: 'off',
      showHide: 'off',
      mediaPlayPause: 'registered',
      mediaNext: 'off',
      mediaPrevious: 'off',
    });
  });
});

describe('steppedVolume', () => {
  it('steps by 5% and clamps to 0–100', () => {
    expect(VOLUME_STEP).toBe(5);
    expect(steppedVolume(50, 1)).toBe(55);
    expect(steppedVolume(50, -1)).toBe(45);
    expect(steppedVolume(98, 1)).toBe(100);
    expect(steppedVolume(3, -1)).toBe(0);
  });

  it('does nothing when the volume is unknown', () => {
    expect(steppedVolume(null, 1)).toBeNull();
  });
});

describe('commandForShortcut', () => {
  it('maps every shortcut to an app command', () => {
    expect(commandForShortcut('playPause')).toEqual({ type: 'togglePlay' });
    expect(commandForShortcut('showHide')).toEqual({ type: 'showHide' });
    for (const action of ['next', 'previous', 'toggleLike', 'volumeUp', 'volumeDown'] as const) {
      expect(commandForShortcut(action)).toEqual({ type: action });
    }
  });
});
