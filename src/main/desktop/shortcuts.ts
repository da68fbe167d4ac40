import { globalShortcut } from 'electron';
import {
  duplicateResults,
  planShortcuts,
  shortcutStatusFrom,
  type ShortcutResult,
} from '../app/shortcuts.ts';
import type { Settings, ShortcutAction, ShortcutStatus } from '../../shared/settings.ts';

/**
 * Registers the shortcut table (app/shortcuts.ts) with Electron's globalShortcut and keeps what happened
 * for `settings:shortcutStatus`. `register` returns false when another app owns the keys: a conflict.
 */
export class GlobalShortcuts {
  readonly #onAction: (action: ShortcutAction) => void;
  #registered: string[] = [];
  #status: ShortcutStatus = shortcutStatusFrom([]);
  #key = '';

  constructor(onAction: (action: ShortcutAction) => void) {
    this.#onAction = onAction;
  }

  status(): ShortcutStatus {
    return this.#status;
  }

  /** (Re-)registers for these settings; does nothing when the table did not change. */
  apply(settings: Settings): void {
    const plan = planShortcuts(settings);
    const key = JSON.stringify(plan);
    if (key === this.#key) return;
    this.#key = key;
    this.clear();

    const results: ShortcutResult[] = [];
    for (const entry of plan.register) {
      let ok = false;
      try {
        ok = globalShortcut.register(entry.accelerator, () => this.#onAction(entry.action));
      } catch (error) {
        // An accelerator Electron cannot parse (the schema only checks the characters).
        console.warn(`[shortcuts] ${entry.id}: ${entry.accelerator} was refused:`, error);
      }
      if (ok) this.#registered.push(entry.accelerator);
      results.push({ id: entry.id, status: ok ? 'registered' : 'conflict' });
    }
    this.#status = shortcutStatusFrom([...results, ...duplicateResults(plan)]);
  }

  /** Unregisters only what this app registered. */
  clear(): void {
    for (const accelerator of this.#registered) globalShortcut.unregister(accelerator);
    this.#registered = [];
    this.#status = shortcutStatusFrom([]);
  }

  dispose(): void {
    this.clear();
    this.#key = '';
  }
}
