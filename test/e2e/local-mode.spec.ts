/**
 * Local mode end to end (issue 11 §3): no account, the Spotify app on this computer followed through
 * MPRIS. The fake player (dev/mpris/fake-player.ts, faithful to Spotify's partial MPRIS) runs on the
 * private session bus; the harness's bridge watches it. The mini-player shows what it plays at once, its
 * transport drives the fake player, and what needs an account says so.
 */
import { expect, test, type Page } from '@playwright/test';
import type { FakePlayer } from '../../dev/mpris/fake-player.ts';
import { SEED_CLIENT_ID } from '../../dev/simulator/index.ts';
import { USER_MESSAGES } from '../../src/shared/messages.ts';
import { cleanUp } from '../support/clean-up.ts';
import { expectAccessibleInBothSchemes } from './support/artifacts.ts';
import { approveInSecondPage, openPlayer, simHarness, type SimHarness } from './support/harness.ts';
import {
  expectLocalTrack,
  localBanner,
  needsPrivateBus,
  spotifyPlayingHere,
} from './support/local-player.ts';
import { panelTab } from './support/panels.ts';

needsPrivateBus();

let fake: FakePlayer | undefined;
let harness: SimHarness | undefined;

test.afterEach(async () => {
  const [closing, player] = [harness, fake];
  harness = undefined;
  fake = undefined;
  await cleanUp(
    () => closing?.close(),
    () => player?.stop(),
  );
});

function button(page: Page, name: string) {
  return page.getByTestId('now-playing').getByRole('button', { name, exact: true });
}

test('first launch with Spotify running: the music at once, its transport, and setup one click away', async ({
  page,
}) => {
  const player = (fake = await spotifyPlayingHere());
  harness = await simHarness({ localPlayer: true });
  await openPlayer(page, harness);
  const first = player.state().track;

  // No client ID, yet the player instead of the onboarding screen.
  await expectLocalTrack(page, first.title);
  await expect(page.getByTestId('onboarding')).toHaveCount(0);
  await expect(page.getByTestId('track-artists')).toHaveText(first.artists.join(', '));
  await expect(page.getByTestId('device-line')).toHaveText('Spotify on this computer');
  await expect(localBanner(page)).toHaveClass(/\binfo\b/);
  await expect(localBanner(page).getByRole('heading', { name: 'Spotify on this computer' })).toBeVisible();
  // Main's one sentence for local mode (the catalogue's), not a copy of the renderer's.
  await expect(localBanner(page).locator('#connection-message')).toHaveText(USER_MESSAGES.localMode);
  await expect(page.getByTestId('announcer')).toHaveText('Spotify on this computer');
  await expectAccessibleInBothSchemes(page, 'local mode');

  // Play/pause and next go to the player on this computer.
  await button(page, 'Pause').click();
  await expect.poll(() => player.state().status).toBe('Paused');
  await expect(button(page, 'Play')).toBeVisible();
  await button(page, 'Play').click();
  await expect.poll(() => player.state().status).toBe('Playing');
  await button(page, 'Next track').click();
  await expect.poll(() => player.state().trackIndex).toBe(1);
  await expectLocalTrack(page, player.state().track.title);
  await button(page, 'Previous track').click();
  await expect.poll(() => player.state().trackIndex).toBe(0);
  await expectLocalTrack(page, first.title);

  // What the user does in Spotify itself shows in the window.
  player.pause();
  await expect(button(page, 'Play')).toBeVisible();
  player.next();
  await expectLocalTrack(page, player.state().track.title);
  player.play();
  await expect(button(page, 'Pause')).toBeVisible();

  // The window's own keys: Space and N go to the player; L says it needs an account and sends nothing.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Space');
  await expect.poll(() => player.state().status).toBe('Paused');
  await page.keyboard.press('n');
  await expect.poll(() => player.state().trackIndex).toBe(2);
  await page.keyboard.press('l');
  await expect(page.getByTestId('announcer')).toHaveText(USER_MESSAGES.needsAccount);

  // What needs an account is disabled and says why; the volume does not blame the player.
  for (const name of ['Like', 'Shuffle', 'Repeat: off', 'Add to playlist']) {
    await expect(button(page, name)).toBeDisabled();
    await expect(button(page, name)).toHaveAttribute('aria-description', USER_MESSAGES.needsAccount);
  }
  await expect(page.getByRole('slider', { name: 'Seek' })).toBeDisabled();
  await expect(page.getByTestId('volume-unavailable')).toHaveText('Volume needs an account');
  await expect(page.getByRole('slider', { name: 'Volume' })).toHaveCount(0);

  // A panel that needs an account says so, with the same step; Settings works.
  await panelTab(page, 'Library').click();
  const library = page.getByTestId('needs-account-library');
  await expect(library.getByRole('heading', { name: 'Library' })).toBeVisible();
  await expect(library).toContainText('need a Spotify account');
  await expect(library.getByRole('button', { name: 'Set up Traytune' })).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'local mode, Library');
  await panelTab(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  // Settings names the player it follows; no problem, nothing said twice over the banner.
  await expect(page.getByRole('heading', { name: 'Spotify on this computer', level: 3 })).toBeVisible();
  await expect(page.getByTestId('local-player-followed')).toHaveText(
    'Traytune follows Spotify, running on this computer.',
  );
  await expect(page.getByTestId('local-player-problem')).toHaveCount(0);
  await panelTab(page, 'Now playing').click();

  // The setup checklist is one click away, and Back returns to the music.
  const setUp = localBanner(page).getByRole('button', { name: 'Set up Traytune' });
  await setUp.click();
  await expect(page.getByTestId('overlay-onboarding')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Set up Traytune', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: '‹ Back' }).click();
  await expectLocalTrack(page, player.state().track.title);
  await expect(setUp).toBeFocused();

  // The tray's Set up… opens the checklist over the music too (Escape closes it); its Settings… is the tab.
  harness.app.showPanel('onboarding');
  await expect(page.getByTestId('overlay-onboarding')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('overlay-onboarding')).toHaveCount(0);
  harness.app.showPanel('settings');
  await expect(panelTab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('overlay-settings')).toHaveCount(0);
  await panelTab(page, 'Now playing').click();

  // Spotify quits: the onboarding screen is back.
  await player.stop();
  await expect(page.getByTestId('onboarding')).toBeVisible();
  await expect(page.getByTestId('now-playing')).toHaveCount(0);
  await expect(localBanner(page)).toHaveCount(0);
});

test('set up from local mode, then sign in: the sign-in screens, then the account’s player takes over', async ({
  page,
}) => {
  const player = (fake = await spotifyPlayingHere());
  harness = await simHarness({ localPlayer: true });
  await openPlayer(page, harness);
  await expectLocalTrack(page, player.state().track.title);

  // The Client ID saved in the checklist: back to the music, the step is now the sign-in.
  await localBanner(page).getByRole('button', { name: 'Set up Traytune' }).click();
  await page.getByRole('textbox', { name: 'Client ID' }).fill(SEED_CLIENT_ID);
  await page.getByRole('button', { name: 'Save Client ID' }).click();
  await expectLocalTrack(page, player.state().track.title);
  const signIn = localBanner(page).getByRole('button', { name: 'Sign in', exact: true });
  await expect(signIn).toBeFocused();
  await expect(page.getByTestId('signed-out')).toHaveCount(0);

  // A tab that needs an account offers the sign-in too.
  await panelTab(page, 'Search').click();
  const search = page.getByTestId('needs-account-search');
  await expect(search).toContainText('Searching Spotify needs a Spotify account.');
  await expect(search.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await panelTab(page, 'Now playing').click();

  const authorizeUrl = harness.nextOpened();
  await signIn.click();
  await expect(page.getByTestId('signing-in')).toBeVisible();
  await approveInSecondPage(page, authorizeUrl);

  // Signed in: the Web API's player, with what needs an account usable.
  await expect(page.getByTestId('now-playing')).toBeVisible();
  await expect(localBanner(page)).toHaveCount(0);
  await expect(button(page, 'Like')).toBeEnabled();
  await expect(page.getByTestId('device-line')).not.toHaveText('Spotify on this computer');
  await panelTab(page, 'Library').click();
  await expect(page.getByTestId('needs-account-library')).toHaveCount(0);
  await expect(page.getByRole('tablist', { name: 'Library' })).toBeVisible();
});

test('a Client ID being typed survives Spotify starting and quitting', async ({ page }) => {
  harness = await simHarness({ localPlayer: true });
  await openPlayer(page, harness);
  await expect(page.getByTestId('onboarding')).toBeVisible();
  const field = page.getByRole('textbox', { name: 'Client ID' });
  const draft = SEED_CLIENT_ID.slice(0, 20);
  await field.fill(draft);

  // Spotify starts: local mode takes over the window; the checklist over it has the draft.
  const player = (fake = await spotifyPlayingHere());
  await expectLocalTrack(page, player.state().track.title);
  await expect(field).toHaveCount(0);
  await localBanner(page).getByRole('button', { name: 'Set up Traytune' }).click();
  await expect(page.getByTestId('overlay-onboarding')).toBeVisible();
  await expect(field).toHaveValue(draft);

  // Typed on there, then Back; Spotify quits: the onboarding screen has all of it, nothing saved.
  await field.press('End');
  await field.pressSequentially(SEED_CLIENT_ID.slice(20, 24));
  await page.getByRole('button', { name: '‹ Back' }).click();
  await expect(field).toHaveCount(0);
  await player.stop();
  await expect(page.getByTestId('onboarding')).toBeVisible();
  await expect(field).toHaveValue(SEED_CLIENT_ID.slice(0, 24));
  expect(harness.app.getState().clientId).toBeNull();

  // Saved, the draft is done with: the field shows the saved Client ID.
  await field.fill(SEED_CLIENT_ID);
  await page.getByRole('button', { name: 'Save Client ID' }).click();
  await expect(page.getByTestId('signed-out')).toBeVisible();
  expect(harness.app.getState().clientId).toBe(SEED_CLIENT_ID);
});

test('a press the player on this computer fails: said once under the banner, until dismissed', async ({
  page,
}) => {
  const player = (fake = await spotifyPlayingHere({ failCommands: true }));
  harness = await simHarness({ localPlayer: true });
  await openPlayer(page, harness);
  await expectLocalTrack(page, player.state().track.title);

  await button(page, 'Pause').click();
  const alert = page.getByTestId('error-alert');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveText(/^Spotify did not do that\. Try again, or use the player itself\./);
  const message = await alert.locator('p').innerText();
  // Once: in the alert only (not in the banner, the announcer or a second alert), right under the banner.
  await expect(page.getByText(message, { exact: true })).toHaveCount(1);
  await expect(page.getByTestId('error-alert')).toHaveCount(1);
  await expect(localBanner(page).getByText(message)).toHaveCount(0);
  const below = await page.evaluate(() => {
    const banner = document.querySelector('[data-testid="connection-banner"]');
    return banner?.nextElementSibling?.getAttribute('data-testid') ?? null;
  });
  expect(below).toBe('error-alert');
  expect(player.state().status).toBe('Playing');
  await expect(button(page, 'Pause')).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'local mode, a failed press');

  await alert.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  await expect.poll(() => harness!.app.getSnapshot().error).toBeNull();
  await expectLocalTrack(page, player.state().track.title);
});
