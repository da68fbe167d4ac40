import { globalShortcut, systemPreferences } from 'electron';
import {
  planShortcuts,
  shortcutStatusFrom,
  unregisteredResults,
  type ShortcutEntry,
  type ShortcutResult,
} from '../app/shortcuts.ts';
import type { Settings, ShortcutAction, ShortcutStatus } from '../../shared/settings.ts';

export interface GlobalShortcutsOptions {
  readonly onAction: (action: ShortcutAction) => void;
  /** Called when the status changed outside `apply` (a Wayland bind proved itself by firing). */
  readonly onStatusChange: () => void;
  /** Wayland: the keys go through the desktop portal, which asks the user and binds once per run. */
  readonly wayland: boolean;
}

/**
 * Registers the shortcut table (app/shortcuts.ts) with Electron's globalShortcut and keeps what happened
 * for `settings:shortcutStatus`:
 * - `register` returning false means another app owns the keys: a conflict;
 * - macOS: media keys reach an app only when it is trusted under Accessibility, so until then they are
 *   not registered but reported as needing it;
 * - Wayland: `register` only asks the portal, so a shortcut stays 'pending' until it first fires, and a
 *   change after the first bind takes effect at the next start.
 */
export class GlobalShortcuts {
  readonly #options: GlobalShortcutsOptions;
  #registered: string[] = [];
  #results: ShortcutResult[] = [];
  #status: ShortcutStatus = shortcutStatusFrom([]);
  #key = '';
  #trusted = true;
  #bound = false;
  #needsRestart = false;
  /** Wayland: the shortcuts that have fired, so the desktop did bind them. */
  readonly #confirmed = new Set<string>();

  constructor(options: GlobalShortcutsOptions) {
    this.#options = options;
  }

  status(): ShortcutStatus {
    return this.#status;
  }

  /** macOS: the media keys are on but Traytune is not trusted under Accessibility. */
  mediaKeysNeedAccessibility(): boolean {
    return !this.#trusted && this.#results.some((result) => result.status === 'needs-accessibility');
  }

  /** Wayland: the shortcuts were changed after the portal bound them; a restart applies the change. */
  changeNeedsRestart(): boolean {
    return this.#needsRestart;
  }

  /** (Re-)registers for these settings; does nothing when the table and the Accessibility trust are unchanged. */
  apply(settings: Settings): void {
    const trusted = isTrustedForMediaKeys();
    const plan = planShortcuts(settings);
    const key = JSON.stringify(plan);
    if (key === this.#key && trusted === this.#trusted) return;
    if (this.#bound && key !== this.#key && this.#options.wayland) this.#needsRestart = true;
    this.#key = key;
    this.#trusted = trusted;
    this.clear();

    const results: ShortcutResult[] = [];
    for (const entry of plan.register) {
      if (entry.kind === 'media' && !trusted) {
        results.push({ id: entry.id, status: 'needs-accessibility' });
        continue;
      }
      const ok = this.#register(entry);
      if (ok) this.#registered.push(entry.accelerator);
      results.push({ id: entry.id, status: ok ? this.#registeredStatus(entry) : 'conflict' });
    }
    this.#bound ||= this.#registered.length > 0;
    this.#results = [...results, ...unregisteredResults(plan)];
    this.#status = shortcutStatusFrom(this.#results);
  }

  /** Asks macOS again (the user may have just allowed Traytune): registers the media keys once trusted. */
  recheckAccessibility(settings: Settings): boolean {
    if (isTrustedForMediaKeys() === this.#trusted) return false;
    this.apply(settings);
    return true;
  }

  /** Unregisters only what this app registered. */
  clear(): void {
    for (const accelerator of this.#registered) globalShortcut.unregister(accelerator);
    this.#registered = [];
    this.#results = [];
    this.#status = shortcutStatusFrom([]);
  }

  dispose(): void {
    this.clear();
    this.#key = '';
  }

  #register(entry: ShortcutEntry): boolean {
    try {
      return globalShortcut.register(entry.accelerator, () => this.#fired(entry));
    } catch (error) {
      // planShortcuts already left out what the accelerator grammar refuses; this is Electron disagreeing.
      console.warn(`[shortcuts] ${entry.id}: ${entry.accelerator} was refused:`, error);
      return false;
    }
  }

  #registeredStatus(entry: ShortcutEntry): 'registered' | 'pending' {
    return this.#options.wayland && !this.#confirmed.has(entry.accelerator) ? 'pending' : 'registered';
  }

  #fired(entry: ShortcutEntry): void {
    if (this.#options.wayland && !this.#confirmed.has(entry.accelerator)) {
      this.#confirmed.add(entry.accelerator);
      this.#results = this.#results.map((result) =>
        result.id === entry.id ? { id: entry.id, status: 'registered' } : result,
      );
      this.#status = shortcutStatusFrom(this.#results);
      this.#options.onStatusChange();
    }
    this.#options.onAction(entry.action);
  }
}

/** Only macOS asks; `isTrustedAccessibilityClient(false)` checks without showing the system prompt. */
function isTrustedForMediaKeys(): boolean {
  return process.platform !== 'darwin' || systemPreferences.isTrustedAccessibilityClient(false);
}
