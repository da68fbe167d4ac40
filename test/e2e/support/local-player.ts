/**
 * Local mode end to end: the fake Spotify MPRIS player (dev/mpris/fake-player.ts) on the private session
 * bus that dev/scripts/with-keyring.sh starts, and the harness's MPRIS bridge watching that bus.
 */
import { expect, test, type Page } from '@playwright/test';
import { startFakePlayer, type FakePlayer } from '../../../dev/mpris/fake-player.ts';
import { requireDbus, skipDbusTests } from '../../support/dbus-gate.ts';

/**
 * For a describe block (or a file) whose tests need the private bus: skipped with the reason without one,
 * except under CI=true, where each test fails instead (test/support/dbus-gate.ts).
 */
export function needsPrivateBus(): void {
  test.skip(
    skipDbusTests,
    'needs a private D-Bus session bus: run it through bash dev/scripts/with-keyring.sh',
  );
  test.beforeEach(() => requireDbus());
}

/**
 * The Spotify desktop client on this computer, as its partial MPRIS shows it, playing its first track.
 * `failCommands`: it answers every transport call with an error (its own buttons still work).
 */
export async function spotifyPlayingHere(options: { failCommands?: boolean } = {}): Promise<FakePlayer> {
  const fake = await startFakePlayer({ mode: 'spotify', failCommands: options.failCommands === true });
  fake.play();
  return fake;
}

/** The local-mode banner (the connection banner with status 'local'). */
export function localBanner(page: Page) {
  return page.locator('[data-testid="connection-banner"][data-status="local"]');
}

/** Waits until the window shows `title` from the local player, in local mode. */
export async function expectLocalTrack(page: Page, title: string): Promise<void> {
  await expect(localBanner(page)).toBeVisible();
  await expect(page.getByTestId('track-title')).toHaveText(title);
}
