/**
 * The mini-player end to end: the harness (TraytuneApp in plain Node, the built renderer on loopback, the
 * IPC contract over a WebSocket) in front of the seeded Spotify simulator, driven from real Chromium.
 */
import { expect, type Page } from '@playwright/test';
import { startHarness, type Harness, type HarnessOptions } from '../../../dev/harness/harness.ts';
import { SEED_CLIENT_ID, realTimeClock, type Simulator } from '../../../dev/simulator/index.ts';

/** The mini-player window's size (src/main/desktop/mini-player-window.ts). */
export const MINI_PLAYER_VIEWPORT = { width: 360, height: 560 } as const;

/** The mini-player resized larger (the window is resizable; the art and lists grow with it). */
export const LARGE_VIEWPORT = { width: 560, height: 820 } as const;

/**
 * Polling and backoff shortened so the states the tests induce show up in about a second instead of the
 * default 5–10 s; the policy itself is the app's (only the numbers change).
 */
const FAST_TUNING = {
  engine: {
    sync: {
      playingVisibleMs: 1_000,
      pausedVisibleMs: 1_000,
      idleVisibleMs: 1_000,
      errorBackoffBaseMs: 500,
      errorBackoffMaxMs: 2_000,
    },
  },
  apiClient: { backoff: { maxRetries: 1, minDelayMs: 50, maxDelayMs: 100 } },
  /**
   * The guard fitted to 1-s polling under the realistic profile's limit (30 requests in a rolling 30 s).
   * The app's default (background reads only below 12 in the window) suits its 5–10 s polls; at 1 s it
   * holds every background read back for most of the half minute after sign-in's dozen requests, so a
   * cleared outage or an ended track would show only ~20 s later. Background reads stay below 18, and
   * 18 + the 8 left for commands stays under Spotify's 30: the harness never causes a 429 itself.
   */
  requestGuard: { windowMs: 30_000, windowLimit: 26, backgroundLimit: 18 },
} as const satisfies Pick<HarnessOptions, 'engine' | 'apiClient' | 'requestGuard'>;

export interface SimHarness extends Harness {
  readonly sim: Simulator;
}

/**
 * A harness on the seeded simulator in its realistic profile, with a clock on wall time (so playback moves
 * on, and the renderer's Date.now()-based countdowns agree with the app's clock) and fast polling. Onboarding unless
 * `settings.clientId` is given.
 */
export async function simHarness(options: Omit<HarnessOptions, 'clientId'> = {}): Promise<SimHarness> {
  const harness = await startHarness({
    ...FAST_TUNING,
    // The "system browser": tests follow `nextOpened()` in a second page instead.
    openExternal: () => Promise.resolve(),
    ...options,
    // Spotify's habits (rate limit, quota, stale reads, reordering, answer mix: dev/simulator/README.md,
    // "Profiles"); a spec that needs exact control passes `simulator: { profile: 'lenient' }`.
    simulator: { clock: realTimeClock(), profile: 'realistic', ...options.simulator },
  });
  if (harness.sim === undefined) throw new Error('The harness did not start the simulator.');
  return harness as SimHarness;
}

/**
 * Tagged tests check the exact value each quick press leaves on Spotify, so Spotify's habit of carrying
 * out a command that follows a PUT within 100 ms first (then the earlier one again: the earlier value
 * wins) is turned off for them, and only that. How the app handles such a swap (the view ends on what
 * Spotify has, without flip-flop) is the engine's test: test/main/spotify/player/engine-realistic-profile.
 */
export const IN_ORDER = '@commands-in-order';

/** The harness options a test's tags ask for (`IN_ORDER`: no reordering; everything else realistic). */
export function optionsForTags(tags: readonly string[]): Omit<HarnessOptions, 'clientId'> {
  return tags.includes(IN_ORDER) ? { simulator: { realism: { traffic: { reorderProbability: 0 } } } } : {};
}

/** The seed devices the realistic profile lets drop out of the device list now and then (vanishingDevices). */
const VANISHING_DEVICES = ['Pixel Phone', 'Kitchen Speaker'] as const;

/**
 * Holds the devices that vanish now and then on the wall clock present, for a spec whose point is the exact
 * device list (the engine's tests cover the vanishing itself).
 */
export function holdVanishingDevices(sim: Simulator): void {
  for (const name of VANISHING_DEVICES) {
    const device = sim.player.devices().find((entry) => entry.name === name);
    if (device === undefined) throw new Error(`No seed device named ${name}.`);
    sim.player.setDeviceAvailable(device.id, true);
  }
}

/** Loads the mini-player and waits until its first state has arrived over the bridge. */
export async function openPlayer(page: Page, harness: Harness): Promise<void> {
  await page.setViewportSize(MINI_PLAYER_VIEWPORT);
  await page.goto(harness.url);
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
}

/**
 * Plays the system browser for a sign-in the app has just started: opens the authorize URL in a second
 * page of the same browser and clicks Agree on the simulator's consent page (when Spotify skips it for a
 * user who consented before, there is nothing to click).
 */
export async function approveInSecondPage(page: Page, authorizeUrl: Promise<string>): Promise<void> {
  const url = await authorizeUrl;
  const consent = await page.context().newPage();
  try {
    await consent.goto(url);
    const agree = consent.getByRole('button', { name: 'Agree' });
    if (new URL(consent.url()).pathname === '/authorize') {
      await expect(consent.getByRole('heading', { level: 1 })).toContainText('Connect');
      await agree.click();
    }
    // The app's loopback listener answers the redirect with its own result page.
    await expect(consent.getByRole('heading', { level: 1 })).toContainText(/signed in|connected/i);
  } finally {
    await consent.close();
  }
}

/** From the signed-out screen: "Sign in with Spotify", consent in a second page, the player shown. */
export async function signInFromUi(
  page: Page,
  harness: Harness,
  button = 'Sign in with Spotify',
): Promise<void> {
  const authorizeUrl = harness.nextOpened();
  await page.getByRole('button', { name: button }).click();
  await approveInSecondPage(page, authorizeUrl);
  await expect(page.getByTestId('now-playing')).toBeVisible();
  await expect(page.getByTestId('track-title')).not.toBeEmpty();
}

/**
 * A signed-in mini-player on the seeded simulator (the seed: "Traytune Desktop" active, the first track of
 * "Morning Commute" loaded and paused at 0). The sign-in goes through the UI and the consent page.
 */
export async function signedInHarness(
  page: Page,
  options: Omit<HarnessOptions, 'clientId'> = {},
): Promise<SimHarness> {
  const harness = await simHarness({
    ...options,
    settings: { clientId: SEED_CLIENT_ID, ...options.settings },
  });
  try {
    await openPlayer(page, harness);
    await expect(page.getByTestId('signed-out')).toBeVisible();
    await signInFromUi(page, harness);
    return harness;
  } catch (error) {
    await harness.close();
    throw error;
  }
}

/** The simulator's catalogue entry of a track URI (its title and length). */
export function catalogueTrack(sim: Simulator, uri: string | null): { name: string; durationMs: number } {
  const track = sim.player.catalogue().find((entry) => entry.uri === uri);
  if (track === undefined) throw new Error(`No track ${String(uri)} in the simulator's catalogue.`);
  return { name: track.name, durationMs: track.durationMs };
}
