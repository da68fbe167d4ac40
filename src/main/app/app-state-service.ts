import type {
  AccountStatus,
  AppError,
  AppState,
  LocalPlayerStatus,
  RequestFigures,
} from '../../shared/app-state.ts';
import type { Scheduler } from '../spotify/player/index.ts';
import type { RequestBudget } from '../spotify/request-budget.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { Clock } from '../util/clock.ts';
import type { DesktopShell } from './desktop-shell.ts';
import { DASHBOARD_URL } from './external-links.ts';
import type { PushEmitter } from './push-events.ts';
import { ThrottledCall } from './throttled-call.ts';

/** The request figures in the app state change with every request: pushed at most this often. */
export const REQUEST_FIGURES_PUSH_MS = 1_000;

/** The fields of AppState the account side sets (the rest is read from the settings, desktop and budget). */
export interface AccountFields {
  readonly account: AccountStatus;
  readonly userName: string | null;
  readonly signInError: AppError | null;
  readonly reconnectBy: number | null;
  readonly keychainWarning: string | null;
  readonly signInLink: string | null;
  readonly switchingAccount: boolean;
}

export interface AppStateServiceOptions {
  account: AccountStatus;
  settings: SettingsStore;
  /** The client ID in use (settings, else TRAYTUNE_CLIENT_ID). */
  clientId: () => string | null;
  desktop: DesktopShell;
  budget: RequestBudget;
  /** When the player plans its next read (null: none planned, or signed out). */
  nextReadAt: () => number | null;
  /** The local player's status (LocalPlayerWatch). */
  localPlayer: () => LocalPlayerStatus;
  events: PushEmitter;
  clock: Clock;
  scheduler: Scheduler;
}

/** AppState: the account fields, assembled with what the others report, and pushed as `app:state` on change. */
export class AppStateService {
  readonly #options: AppStateServiceOptions;
  readonly #figuresPush: ThrottledCall;
  readonly #unsubscribeBudget: () => void;
  #fields: AccountFields;
  #lastStateKey: string;

  constructor(options: AppStateServiceOptions) {
    this.#options = options;
    this.#fields = {
      account: options.account,
      userName: null,
      signInError: null,
      reconnectBy: null,
      keychainWarning: null,
      signInLink: null,
      switchingAccount: false,
    };
    this.#figuresPush = new ThrottledCall({
      scheduler: options.scheduler,
      clock: options.clock,
      intervalMs: REQUEST_FIGURES_PUSH_MS,
      call: () => this.publish(),
    });
    this.#unsubscribeBudget = options.budget.onChange(() => this.requestsChanged());
    this.#lastStateKey = JSON.stringify(this.getState());
  }

  get fields(): AccountFields {
    return this.#fields;
  }

  getState(): AppState {
    return Object.freeze({
      ...this.#fields,
      clientId: this.#options.clientId(),
      redirectUriToRegister: this.#options.settings.get().redirectUri,
      dashboardUrl: DASHBOARD_URL,
      desktop: this.#options.desktop.status(),
      requests: this.#requestFigures(),
      localPlayer: this.#options.localPlayer(),
    });
  }

  update(changes: Partial<AccountFields>): void {
    this.#fields = { ...this.#fields, ...changes };
    this.publish();
  }

  /** Pushes `app:state` if anything in it changed since the last push. */
  publish(): void {
    const state = this.getState();
    const key = JSON.stringify(state);
    if (key === this.#lastStateKey) return;
    this.#lastStateKey = key;
    this.#options.events.emit('app:state', state);
  }

  /** A request was counted or the next read moved: pushed soon, at most once per REQUEST_FIGURES_PUSH_MS. */
  requestsChanged(): void {
    this.#figuresPush.request();
  }

  dispose(): void {
    this.#unsubscribeBudget();
    this.#figuresPush.cancel();
  }

  #requestFigures(): RequestFigures {
    const { budget, clock, nextReadAt } = this.#options;
    const now = clock.now();
    return Object.freeze({
      lastHour: budget.usedInLastHour(now),
      today: budget.usedToday(now),
      dailyBudget: budget.dailyBudget,
      nextReadAt: nextReadAt(),
    });
  }
}
