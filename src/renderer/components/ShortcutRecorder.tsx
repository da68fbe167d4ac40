import type { JSX, TargetedKeyboardEvent } from 'preact';
import { useState } from 'preact/hooks';
import {
  acceleratorFromKeyEvent,
  acceleratorProblem,
  formatAccelerator,
  formatHeldModifiers,
} from '../../shared/accelerator.ts';
import type { DesktopPlatform } from '../../shared/app-state.ts';
import type { ShortcutAction } from '../../shared/settings.ts';
import { invalidText, SHORTCUT_LABELS, type ShortcutLine } from '../shortcut-status.ts';

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta', 'OS']);

/**
 * One global shortcut: its keys in the platform's notation, its status, and a Record button. While
 * recording, the next key press with its modifiers is saved as an Electron accelerator; Escape cancels,
 * Backspace or Delete turns the shortcut off, Tab (or leaving the button) stops recording. No key reaches
 * the window's own keys meanwhile (Space would play, Escape would hide the window).
 */
export function ShortcutRecorder(props: {
  action: ShortcutAction;
  value: string | null;
  platform: DesktopPlatform;
  line: ShortcutLine;
  /** Wayland: "Restart Traytune for this change to take effect". */
  needsRestart: boolean;
  disabled: boolean;
  onSave: (value: string | null) => Promise<boolean>;
}): JSX.Element {
  const { action, value, platform, line } = props;
  const [recording, setRecording] = useState(false);
  const [held, setHeld] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = `shortcut-${action}`;
  const label = SHORTCUT_LABELS[action];

  const stop = (): void => {
    setRecording(false);
    setHeld('');
  };
  const save = (next: string | null): void => {
    stop();
    setProblem(null);
    if (next !== value) void props.onSave(next);
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLButtonElement>): void => {
    if (!recording) return; // Enter and Space press the button
    const modified = event.ctrlKey || event.altKey || event.metaKey;
    if (event.key === 'Tab' && !modified) {
      stop(); // focus moves on as usual
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const plain = !modified && !event.shiftKey;
    if (plain && event.key === 'Escape') {
      stop();
      setProblem(null);
      return;
    }
    if (plain && (event.key === 'Backspace' || event.key === 'Delete')) {
      save(null);
      return;
    }
    const accelerator = acceleratorFromKeyEvent(event, platform);
    if (accelerator === null) {
      setHeld(formatHeldModifiers(event, platform));
      if (!MODIFIER_KEYS.has(event.key)) setProblem('Traytune cannot use that key in a shortcut.');
      return;
    }
    const invalid = acceleratorProblem(accelerator, platform);
    if (invalid !== null) {
      // Keep recording: the next press may add the modifier.
      setHeld('');
      setProblem(invalidText(invalid, platform));
      return;
    }
    save(accelerator);
  };

  const onKeyUp = (event: TargetedKeyboardEvent<HTMLButtonElement>): void => {
    if (recording) setHeld(formatHeldModifiers(event, platform));
  };

  const keys = recording
    ? held !== ''
      ? `${held}${platform === 'darwin' ? '' : '+'}…`
      : 'Press the keys…'
    : value !== null
      ? formatAccelerator(value, platform)
      : 'Off';
  // Unbound, the keys already say "Off": the status line stays for problems and notes only.
  const status = problem ?? (value === null && line.tone === 'off' ? '' : line.text);
  const tone = problem !== null ? 'problem' : line.tone;

  return (
    <div class="shortcut" data-testid={id}>
      <span class="shortcut-label" id={`${id}-label`}>
        {label}
      </span>
      <div class="shortcut-buttons">
        <button
          type="button"
          id={id}
          class={`small-button record-button${recording ? ' recording' : ''}`}
          aria-label={recording ? `Recording ${label}: press the keys, Escape to cancel` : `Record ${label}`}
          aria-describedby={`${id}-keys ${id}-status`}
          aria-pressed={recording}
          disabled={props.disabled}
          onClick={() => {
            setProblem(null);
            setRecording(!recording);
          }}
          onKeyDown={onKeyDown}
          onKeyUp={onKeyUp}
          onBlur={stop}
        >
          {recording ? 'Recording' : 'Record'}
        </button>
        {value !== null && !recording ? (
          <button
            type="button"
            class="small-button"
            aria-label={`Turn off ${label}`}
            disabled={props.disabled}
            onClick={() => save(null)}
          >
            Off
          </button>
        ) : null}
      </div>
      <kbd id={`${id}-keys`} class={`keys${value === null && !recording ? ' unbound' : ''}`}>
        {keys}
      </kbd>
      <span id={`${id}-status`} class={`shortcut-status ${tone}`} data-testid={`${id}-status`}>
        {status}
        {props.needsRestart ? (
          <span class="restart-note"> Restart Traytune for this change to take effect.</span>
        ) : null}
      </span>
    </div>
  );
}
