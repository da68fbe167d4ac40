import {
  DAILY_REQUEST_BUDGET_HINT,
  dailyRequestBudgetSchema,
  type Settings,
  type SettingsPatch,
  type ShortcutStatus,
} from '../../shared/settings.ts';
import { definedOnly, type SettingsStore } from '../settings/settings-store.ts';
import { UserFacingError } from './errors.ts';
import { desktopRedirectUri } from './redirect-uri.ts';
import { shortcutStatusFrom } from './shortcuts.ts';

/** The settings channels: read, update (merged and validated), and which shortcuts are registered. */
export class SettingsService {
  readonly #store: SettingsStore;
  readonly #shortcutStatus: (() => ShortcutStatus) | undefined;
  readonly #unsubscribe: () => void;

  /** `onChange`: after every change (the request budget, the push, the state that shows settings). */
  constructor(options: {
    store: SettingsStore;
    shortcutStatus?: (() => ShortcutStatus) | undefined;
    onChange: (settings: Settings) => void;
  }) {
    this.#store = options.store;
    this.#shortcutStatus = options.shortcutStatus;
    this.#unsubscribe = options.store.onChange(options.onChange);
  }

  get(): Settings {
    return this.#store.get();
  }

  update(patch: SettingsPatch): Settings {
    const { shortcuts, redirectUri, dailyRequestBudget, ...rest } = definedOnly(patch);
    const changes: Partial<Settings> = rest;
    // Checked here as well as by the IPC contract: the in-memory store validates nothing.
    if (dailyRequestBudget !== undefined) {
      if (!dailyRequestBudgetSchema.safeParse(dailyRequestBudget).success) {
        throw new UserFacingError('validation', DAILY_REQUEST_BUDGET_HINT);
      }
      changes.dailyRequestBudget = dailyRequestBudget;
    }
    // A redirect URI the loopback listener cannot serve (https, localhost, http off loopback) is stopped
    // here, not at sign-in.
    if (redirectUri !== undefined) changes.redirectUri = desktopRedirectUri(redirectUri);
    if (shortcuts !== undefined) {
      changes.shortcuts = { ...this.#store.get().shortcuts, ...definedOnly(shortcuts) };
    }
    return this.#store.update(changes);
  }

  /** Which global shortcuts are registered (desktop); all 'off' without a desktop. */
  shortcutStatus(): ShortcutStatus {
    return this.#shortcutStatus?.() ?? shortcutStatusFrom([]);
  }

  dispose(): void {
    this.#unsubscribe();
  }
}
