import { describe, expect, it } from 'vitest';
import { MEDIA_SHORTCUTS, planShortcuts } from '../../src/main/app/shortcuts.ts';
import { DEFAULT_SETTINGS, SHORTCUT_ACTIONS, type Settings } from '../../src/shared/settings.ts';
import {
  invalidText,
  localProblems,
  MEDIA_KEYS,
  mediaKeysLine,
  shortcutLine,
  SHORTCUTS,
} from '../../src/renderer/shortcut-status.ts';

function settings(shortcuts: Partial<Settings['shortcuts']>, mediaKeys = true): Settings {
  return { ...DEFAULT_SETTINGS, mediaKeys, shortcuts: { ...DEFAULT_SETTINGS.shortcuts, ...shortcuts } };
}

describe('the page lists what main binds', () => {
  it('every user shortcut, in the settings order, and the same media keys', () => {
    expect(SHORTCUTS).toEqual([...SHORTCUT_ACTIONS]);
    expect(MEDIA_KEYS.map(({ id, accelerator }) => ({ id, accelerator }))).toEqual(
      MEDIA_SHORTCUTS.map(({ id, accelerator }) => ({ id, accelerator })),
    );
  });
});

describe('localProblems', () => {
  it('finds what main’s plan leaves unregistered, for the same reasons', () => {
    const cases: Settings[] = [
      settings({ playPause: 'Ctrl+Alt+P', next: 'ctrl+alt+p', previous: 'P', toggleLike: 'MediaNextTrack' }),
      settings({ toggleLike: 'MediaNextTrack', volumeUp: 'Shift+Up', showHide: 'Ctrl+Alt+S' }, false),
      settings({ playPause: 'CommandOrControl+Alt+P', next: 'Control+Alt+P' }),
    ];
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      for (const each of cases) {
        const plan = planShortcuts(each, platform);
        const problems = localProblems(each, platform);
        const invalid = Object.entries(problems).filter(([, p]) => p.kind === 'invalid');
        const duplicate = Object.entries(problems).filter(([, p]) => p.kind === 'duplicate');
        expect(
          invalid.map(([id]) => id),
          platform,
        ).toEqual(plan.invalid.map((e) => e.id));
        expect(
          duplicate.map(([id]) => id),
          platform,
        ).toEqual(plan.duplicates.map((e) => e.id));
      }
    }
  });

  it('names the shortcut that has the keys first', () => {
    const problems = localProblems(settings({ playPause: 'Ctrl+Alt+P', next: 'Alt+Control+P' }), 'linux');
    expect(problems.next).toEqual({ kind: 'duplicate', of: 'playPause' });
    expect(localProblems(settings({ next: 'MediaNextTrack' }), 'linux').next).toEqual({
      kind: 'duplicate',
      of: 'mediaNext',
    });
  });
});

describe('shortcutLine', () => {
  const line = (options: Partial<Parameters<typeof shortcutLine>[0]>) =>
    shortcutLine({ bound: true, local: undefined, reported: 'registered', platform: 'linux', ...options });

  it('says each status as what it is', () => {
    expect(line({})).toEqual({ text: 'Active', tone: 'ok' });
    expect(line({ reported: 'pending' })).toEqual({
      text: "Waiting for the desktop's approval",
      tone: 'waiting',
    });
    expect(line({ reported: 'conflict' })).toEqual({ text: 'Taken by another app', tone: 'problem' });
    expect(line({ reported: 'needs-accessibility' }).text).toMatch(/Accessibility/);
    expect(line({ bound: false, reported: 'off' })).toEqual({ text: 'Off', tone: 'off' });
  });

  it('prefers what is wrong with the keys, naming the other shortcut', () => {
    expect(line({ local: { kind: 'duplicate', of: 'playPause' }, reported: 'duplicate' }).text).toBe(
      'Same keys as Play/pause',
    );
    expect(line({ local: { kind: 'duplicate', of: 'mediaPlayPause' } }).text).toBe(
      'Same keys as the Play/Pause media key',
    );
    expect(line({ local: { kind: 'invalid', problem: 'needs-modifier' }, reported: 'invalid' })).toEqual({
      text: 'Not a valid shortcut: add Ctrl, Alt or Super',
      tone: 'problem',
    });
    expect(line({ local: { kind: 'invalid', problem: 'needs-modifier' }, platform: 'darwin' }).text).toBe(
      'Not a valid shortcut: add ⌘, ⌃ or ⌥',
    );
  });

  it('never says "Off" next to bound keys nothing registered', () => {
    expect(line({ reported: 'off' })).toEqual({ text: 'Not active', tone: 'off' });
    expect(line({ reported: null }).text).toBe('');
  });
});

describe('invalidText and mediaKeysLine', () => {
  it('tells a key Traytune cannot use from a missing modifier', () => {
    expect(invalidText('unknown-key', 'linux')).toMatch(/cannot use these keys/);
  });

  it('sums the media keys up in one line when they agree', () => {
    expect(
      mediaKeysLine({ mediaPlayPause: 'registered', mediaNext: 'registered', mediaPrevious: 'registered' }),
    ).toBe('Media keys: Active.');
    expect(
      mediaKeysLine({ mediaPlayPause: 'registered', mediaNext: 'conflict', mediaPrevious: 'registered' }),
    ).toBe('Play/pause key: Active. Next: Taken by another app. Previous: Active.');
  });
});
