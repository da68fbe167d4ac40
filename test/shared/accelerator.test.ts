import { describe, expect, it } from 'vitest';
import {
  acceleratorFromKeyEvent,
  acceleratorProblem,
  formatAccelerator,
  formatHeldModifiers,
  isValidAccelerator,
  normalizeAccelerator,
  parseAccelerator,
  type KeyPress,
} from '../../src/shared/accelerator.ts';
import { acceleratorSchema } from '../../src/shared/settings.ts';

function press(code: string, key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { code, key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods };
}

describe('parseAccelerator', () => {
  it('reads modifiers (with their aliases) and one key, in canonical spelling', () => {
    expect(parseAccelerator('CmdOrCtrl+option+pageup')).toEqual({
      modifiers: ['CommandOrControl', 'Alt'],
      key: 'PageUp',
    });
    expect(parseAccelerator('Meta+Ctrl+p')).toEqual({ modifiers: ['Super', 'Control'], key: 'P' });
    expect(parseAccelerator('Alt+Plus')).toEqual({ modifiers: ['Alt'], key: 'Plus' });
  });

  it('is null for what Electron would not parse', () => {
    for (const text of ['', 'Ctrl+', '+P', 'Ctrl+Alt', 'Ctrl+P+Q', 'Hyper+P', 'Ctrl+F25', 'Ctrl+ł']) {
      expect(parseAccelerator(text), text).toBeNull();
    }
  });
});

describe('acceleratorProblem', () => {
  it('says why a string cannot be a global shortcut', () => {
    expect(acceleratorProblem('Ctrl+Alt+P')).toBeNull();
    expect(acceleratorProblem('P')).toBe('needs-modifier');
    expect(acceleratorProblem('Shift+P')).toBe('needs-modifier');
    expect(acceleratorProblem('AltGr+Shift+L')).toBe('needs-modifier');
    expect(acceleratorProblem('Ctrl+Banana')).toBe('unknown-key');
    expect(acceleratorProblem('Ctrl+Alt')).toBe('malformed');
    expect(acceleratorProblem('Banana+P')).toBe('malformed');
    expect(acceleratorProblem('Ctrl++P')).toBe('malformed');
  });

  it('lets F-keys and media keys stand alone', () => {
    for (const key of ['F1', 'F13', 'F24', 'MediaPlayPause', 'MediaNextTrack', 'MediaStop', 'VolumeUp']) {
      expect(isValidAccelerator(key), key).toBe(true);
    }
    expect(isValidAccelerator('Space')).toBe(false);
    expect(isValidAccelerator('Escape')).toBe(false);
  });

  it('counts Command as a modifier only where it does something (macOS, or no platform given)', () => {
    expect(isValidAccelerator('Command+P')).toBe(true);
    expect(isValidAccelerator('Command+P', 'darwin')).toBe(true);
    expect(isValidAccelerator('Cmd+P', 'linux')).toBe(false);
    expect(isValidAccelerator('CommandOrControl+P', 'linux')).toBe(true);
    expect(isValidAccelerator('Super+P', 'win32')).toBe(true);
  });
});

describe('normalizeAccelerator', () => {
  it('ignores case, order and aliases, and folds CommandOrControl per platform', () => {
    expect(normalizeAccelerator('CmdOrCtrl+Shift+K', 'linux')).toBe(
      normalizeAccelerator('shift+control+k', 'linux'),
    );
    expect(normalizeAccelerator('Option+Cmd+K', 'darwin')).toBe(
      normalizeAccelerator('Command+Alt+K', 'darwin'),
    );
    expect(normalizeAccelerator('Ctrl+Return', 'win32')).toBe(normalizeAccelerator('Control+Enter', 'win32'));
    expect(normalizeAccelerator('CmdOrCtrl+K', 'darwin')).not.toBe(normalizeAccelerator('Ctrl+K', 'darwin'));
    expect(normalizeAccelerator('Alt+K', 'linux')).not.toBe(normalizeAccelerator('Alt+J', 'linux'));
  });
});

describe('acceleratorFromKeyEvent', () => {
  it('records modifiers and the physical key', () => {
    expect(acceleratorFromKeyEvent(press('KeyP', 'p', { ctrlKey: true, altKey: true }), 'linux')).toBe(
      'Control+Alt+P',
    );
    expect(acceleratorFromKeyEvent(press('Digit1', '!', { ctrlKey: true, shiftKey: true }), 'win32')).toBe(
      'Control+Shift+1',
    );
    expect(acceleratorFromKeyEvent(press('ArrowRight', 'ArrowRight', { altKey: true }), 'linux')).toBe(
      'Alt+Right',
    );
    expect(acceleratorFromKeyEvent(press('Slash', '/', { ctrlKey: true }), 'linux')).toBe('Control+/');
    expect(acceleratorFromKeyEvent(press('Numpad5', '5', { ctrlKey: true }), 'linux')).toBe('Control+num5');
    expect(acceleratorFromKeyEvent(press('F5', 'F5'), 'linux')).toBe('F5');
  });

  it('is not fooled by the layout or AltGr: the physical key is recorded', () => {
    // AltGr+L on a Polish layout types ł and reports Ctrl+Alt on Windows.
    expect(acceleratorFromKeyEvent(press('KeyL', 'ł', { ctrlKey: true, altKey: true }), 'win32')).toBe(
      'Control+Alt+L',
    );
    // A German (QWERTZ) layout types y on the key where US has Z.
    expect(acceleratorFromKeyEvent(press('KeyZ', 'y', { ctrlKey: true }), 'linux')).toBe('Control+Z');
    // Option+P on macOS types π.
    expect(acceleratorFromKeyEvent(press('KeyP', 'π', { altKey: true, metaKey: true }), 'darwin')).toBe(
      'Command+Alt+P',
    );
  });

  it('maps Meta to Command on macOS and Super elsewhere', () => {
    expect(acceleratorFromKeyEvent(press('KeyK', 'k', { metaKey: true }), 'darwin')).toBe('Command+K');
    expect(acceleratorFromKeyEvent(press('KeyK', 'k', { metaKey: true }), 'linux')).toBe('Super+K');
    expect(acceleratorFromKeyEvent(press('KeyK', 'k', { metaKey: true }), 'win32')).toBe('Super+K');
  });

  it('records media keys by name', () => {
    expect(acceleratorFromKeyEvent(press('MediaTrackNext', 'MediaTrackNext'), 'linux')).toBe(
      'MediaNextTrack',
    );
    expect(acceleratorFromKeyEvent(press('', 'AudioVolumeUp'), 'win32')).toBe('VolumeUp');
  });

  it('waits while only modifiers are held, and ignores keys Electron cannot name', () => {
    expect(acceleratorFromKeyEvent(press('ControlLeft', 'Control', { ctrlKey: true }), 'linux')).toBeNull();
    expect(
      acceleratorFromKeyEvent(press('AltRight', 'AltGraph', { ctrlKey: true, altKey: true }), 'win32'),
    ).toBeNull();
    expect(acceleratorFromKeyEvent(press('MetaLeft', 'Meta', { metaKey: true }), 'darwin')).toBeNull();
    expect(acceleratorFromKeyEvent(press('IntlRo', 'ろ', { ctrlKey: true }), 'linux')).toBeNull();
  });

  it('gives what the settings schema accepts and Electron can parse, for every key it names', () => {
    const codes = [
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `Key${c}`),
      ...'0123456789'.split('').map((d) => `Digit${d}`),
      ...'0123456789'.split('').map((d) => `Numpad${d}`),
      ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
      'Space',
      'Tab',
      'Backspace',
      'Delete',
      'Insert',
      'Enter',
      'Home',
      'End',
      'PageUp',
      'PageDown',
      'Escape',
      'PrintScreen',
      'NumpadDecimal',
      'NumpadAdd',
      'NumpadSubtract',
      'NumpadMultiply',
      'NumpadDivide',
      'Minus',
      'Equal',
      'BracketLeft',
      'BracketRight',
      'Backslash',
      'Semicolon',
      'Quote',
      'Backquote',
      'Comma',
      'Period',
      'Slash',
    ];
    for (const code of codes) {
      const accelerator = acceleratorFromKeyEvent(press(code, '?', { ctrlKey: true, altKey: true }), 'linux');
      expect(accelerator, code).not.toBeNull();
      expect(acceleratorSchema.safeParse(accelerator).success, `${code} → ${accelerator}`).toBe(true);
      expect(isValidAccelerator(accelerator ?? '', 'linux'), `${code} → ${accelerator}`).toBe(true);
    }
  });
});

describe('formatAccelerator', () => {
  it('uses symbols on macOS and words elsewhere', () => {
    expect(formatAccelerator('CommandOrControl+Alt+Shift+P', 'darwin')).toBe('⌥⇧⌘P');
    expect(formatAccelerator('Control+Alt+Shift+Command+P', 'darwin')).toBe('⌃⌥⇧⌘P');
    expect(formatAccelerator('CommandOrControl+Alt+Shift+P', 'linux')).toBe('Ctrl+Alt+Shift+P');
    expect(formatAccelerator('Shift+Super+Control+Alt+P', 'win32')).toBe('Ctrl+Alt+Shift+Super+P');
    expect(formatAccelerator('Alt+Right', 'darwin')).toBe('⌥→');
    expect(formatAccelerator('Alt+Right', 'win32')).toBe('Alt+Right');
    expect(formatAccelerator('Ctrl+Plus', 'linux')).toBe('Ctrl++');
    expect(formatAccelerator('MediaPlayPause', 'linux')).toBe('Play/Pause key');
  });

  it('shows a string it cannot read as it is', () => {
    expect(formatAccelerator('Ctrl+Banana', 'linux')).toBe('Ctrl+Banana');
  });
});

describe('formatHeldModifiers', () => {
  it('shows what is held so far, in the platform order', () => {
    const held = press('ShiftLeft', 'Shift', { shiftKey: true, ctrlKey: true, metaKey: true });
    expect(formatHeldModifiers(held, 'darwin')).toBe('⌃⇧⌘');
    expect(formatHeldModifiers(held, 'linux')).toBe('Ctrl+Shift+Super');
    expect(formatHeldModifiers(press('KeyA', 'a'), 'win32')).toBe('');
  });
});
