import type { BrowserWindow } from 'electron';

/** More crashes than this within the window below: stop reloading (a crash loop would burn the CPU). */
const MAX_RELOADS = 3;
const RELOAD_WINDOW_MS = 60_000;

export interface RendererRecoveryOptions {
  /** While quitting, a renderer that goes away is expected. */
  readonly isQuitting: () => boolean;
}

/**
 * Reloads the mini-player after its renderer crashed or was killed (`render-process-gone`) or hung
 * (`unresponsive`: the hung renderer is crashed first, then reloaded). The page rebuilds itself from
 * `app:getState` and the next pushes, so nothing the user sees is lost.
 */
export class RendererRecovery {
  readonly #window: BrowserWindow;
  readonly #options: RendererRecoveryOptions;
  #reloads: number[] = [];

  constructor(window: BrowserWindow, options: RendererRecoveryOptions) {
    this.#window = window;
    this.#options = options;
  }

  watch(): void {
    const contents = this.#window.webContents;
    contents.on('render-process-gone', (_event, details) => {
      if (this.#options.isQuitting() || details.reason === 'clean-exit') return;
      console.error(`[mini-player] the renderer went away (${details.reason}); reloading it.`);
      this.#reload();
    });
    this.#window.on('unresponsive', () => {
      if (this.#options.isQuitting()) return;
      console.error('[mini-player] the renderer stopped responding; restarting it.');
      // The crash that follows comes back as render-process-gone, which reloads.
      contents.forcefullyCrashRenderer();
    });
  }

  #reload(): void {
    const now = Date.now();
    this.#reloads = this.#reloads.filter((at) => now - at < RELOAD_WINDOW_MS);
    if (this.#reloads.length >= MAX_RELOADS) {
      console.error('[mini-player] the renderer keeps crashing; not reloading it again for a minute.');
      return;
    }
    this.#reloads.push(now);
    if (!this.#window.isDestroyed()) this.#window.webContents.reload();
  }
}
