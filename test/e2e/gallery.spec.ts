/**
 * The gallery: every screen and panel of the mini-player, in light and in dark, at the window's compact
 * size (360×560) and a large one (560×820), saved as test-results/screenshots/gallery-<panel>-<size>-
 * <scheme>.png, each with the axe scan in both schemes at both sizes. The states the other specs induce
 * (no device, rate limit, quota, offline…) keep their own screenshots there.
 */
import { expect, test, type Page } from '@playwright/test';
import { SEED_CLIENT_ID, SEED_USER_ID } from '../../dev/simulator/index.ts';
import { expectAccessibleInBothSchemes, shoot } from './support/artifacts.ts';
import type { FakePlayer } from '../../dev/mpris/fake-player.ts';
import {
  LARGE_VIEWPORT,
  MINI_PLAYER_VIEWPORT,
  approveInSecondPage,
  openPlayer,
  signedInHarness,
  simHarness,
  type SimHarness,
} from './support/harness.ts';
import {
  expectLocalTrack,
  localBanner,
  needsPrivateBus,
  spotifyPlayingHere,
} from './support/local-player.ts';
import { panelTab, libraryTab } from './support/panels.ts';

const SIZES = [
  ['compact', MINI_PLAYER_VIEWPORT],
  ['large', LARGE_VIEWPORT],
] as const;
const HOUR_MS = 3_600_000;

// Each panel: 2 sizes × (2 scans + 2 screenshots).
test.describe.configure({ timeout: 600_000 });

let harness: SimHarness | undefined;

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

interface CaptureOptions {
  /** A busy state by nature (signing in): scanned and shot without waiting for it to settle. */
  readonly settle?: boolean;
  /** Brings the panel back after a resize, for what a resize may close (a menu). */
  readonly prepare?: () => Promise<void>;
}

/** The axe scan (light and dark) and the light and dark screenshots of what is shown, at both sizes. */
async function capture(page: Page, name: string, options: CaptureOptions = {}): Promise<void> {
  const settle = options.settle !== false;
  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    await options.prepare?.();
    await expectAccessibleInBothSchemes(page, `${name} (${size})`, { settle });
    await shoot(page, `gallery-${name}-${size}-light`, { settle });
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, `gallery-${name}-${size}-dark`, { settle });
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await page.setViewportSize(MINI_PLAYER_VIEWPORT);
}

test('before sign-in: onboarding, signed out, signing in, consent cancelled', async ({ page }) => {
  harness = await simHarness();
  const h = harness;
  await openPlayer(page, h);
  await expect(page.getByTestId('onboarding')).toBeVisible();
  await capture(page, 'onboarding');

  await h.app.handlers['app:setClientId']({ clientId: SEED_CLIENT_ID });
  await expect(page.getByTestId('signed-out')).toBeVisible();
  await capture(page, 'signed-out');

  const authorizeUrl = h.nextOpened();
  await page.getByRole('button', { name: 'Sign in with Spotify' }).click();
  await expect(page.getByTestId('signing-in')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Link to open in your browser' })).toHaveValue(
    await authorizeUrl,
  );
  await capture(page, 'signing-in', { settle: false });

  const consent = await page.context().newPage();
  await consent.goto(await authorizeUrl);
  await consent.getByRole('button', { name: 'Cancel' }).click();
  await consent.close();
  await expect(page.getByTestId('consent-cancelled')).toBeVisible();
  await capture(page, 'consent-cancelled');
});

test('the player: Now playing, Search, Library, Queue, Devices, Settings, a row menu, the picker', async ({
  page,
}) => {
  harness = await signedInHarness(page);
  const { sim } = harness;

  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await capture(page, 'now-playing-paused');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
  await capture(page, 'now-playing-playing');

  // Now playing's "Add to playlist" picker.
  const picker = page.getByRole('region', { name: 'Add to playlist' });
  await page.getByRole('button', { name: 'Add to playlist' }).click();
  await expect(picker.getByRole('listitem').first()).toBeVisible();
  await capture(page, 'add-to-playlist');
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);

  await panelTab(page, 'Search').click();
  await page.getByRole('searchbox', { name: 'Search Spotify' }).fill('Paper Satellites');
  await expect(
    page
      .getByRole('list', { name: 'Albums', exact: true })
      .getByRole('button', { name: /^Open / })
      .first(),
  ).toBeVisible();
  await capture(page, 'search-results');

  await panelTab(page, 'Library').click();
  await expect(libraryTab(page, 'Liked')).toHaveAttribute('aria-selected', 'true');
  await expect(
    page.getByRole('list', { name: 'Liked Songs', exact: true }).getByRole('listitem').first(),
  ).toBeVisible();
  await capture(page, 'library-liked');

  // A row's actions menu (it may close when the window is resized: opened again for each size).
  const firstLiked = page
    .getByRole('list', { name: 'Liked Songs', exact: true })
    .getByRole('listitem')
    .first();
  const menu = page.getByRole('menu');
  const openMenu = async (): Promise<void> => {
    if ((await menu.count()) > 0) return;
    await firstLiked.getByRole('button', { name: 'More actions' }).click();
    await expect(menu).toBeVisible();
  };
  await openMenu();
  await capture(page, 'row-actions-menu', { prepare: openMenu });
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  await libraryTab(page, 'Playlists').click();
  await expect(
    page
      .getByTestId('library-playlists')
      .getByRole('button', { name: /^Open / })
      .first(),
  ).toBeVisible();
  await capture(page, 'library-playlists');
  await page.getByRole('button', { name: /^Open Morning Commute/ }).click();
  await expect(page.getByTestId('playlist-view').getByRole('listitem').first()).toBeVisible();
  await capture(page, 'library-playlist');

  // The picker from a row.
  const row = page.getByTestId('playlist-view').getByRole('listitem').first();
  await row.hover();
  await row.getByRole('button', { name: 'Add to playlist' }).click();
  await expect(picker.getByRole('listitem').first()).toBeVisible();
  await capture(page, 'add-to-playlist-from-row');
  await page.keyboard.press('Escape');

  await libraryTab(page, 'Albums').click();
  const albums = page.getByTestId('library-albums');
  await expect(albums.getByRole('button', { name: /^Open / }).first()).toBeVisible();
  await capture(page, 'library-albums');
  await albums
    .getByRole('button', { name: /^Open / })
    .first()
    .click();
  await expect(page.getByTestId('album-view').getByRole('listitem').first()).toBeVisible();
  await capture(page, 'library-album');

  await libraryTab(page, 'Recent').click();
  await expect(page.getByTestId('library-recent')).toBeVisible();
  await expect(page.getByTestId('library-recent').getByRole('listitem').first()).toBeVisible();
  await capture(page, 'library-recent');

  await panelTab(page, 'Queue').click();
  await expect(page.getByRole('list', { name: 'Up next' }).getByRole('listitem').first()).toBeVisible();
  await capture(page, 'queue');

  await panelTab(page, 'Devices').click();
  await expect(page.getByRole('radiogroup', { name: 'Devices' }).getByRole('radio').first()).toBeVisible();
  await capture(page, 'devices');

  await panelTab(page, 'Settings').click();
  await expect(page.getByText('Signed in as Traytune Tester.')).toBeVisible();
  await capture(page, 'settings');

  // Last: an episode played on its own (no queue after it).
  const episode = sim.player
    .playlists()
    .flatMap((playlist) => playlist.itemUris)
    .find((uri) => uri.startsWith('spotify:episode:'));
  expect(episode).toBeDefined();
  sim.player.externalPlay({ uris: [episode!] });
  await panelTab(page, 'Now playing').click();
  await expect(page.getByTestId('track-info')).toHaveAttribute('data-kind', 'episode', { timeout: 15_000 });
  await capture(page, 'now-playing-episode');
});

test('reconnect needed, and an ad', async ({ page }) => {
  harness = await signedInHarness(page, { simulator: { realism: { content: { adEveryTracks: 1 } } } });
  const { sim } = harness;
  sim.revokeRefreshTokens(SEED_USER_ID);
  // The access token's hour runs out: the next read needs a refresh, which Spotify now refuses.
  sim.clock.advance(HOUR_MS + 60_000);
  await expect(page.getByTestId('reconnect-needed')).toBeVisible();
  await capture(page, 'reconnect-needed');

  const authorizeUrl = harness.nextOpened();
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await approveInSecondPage(page, authorizeUrl);
  await expect(page.getByTestId('now-playing')).toBeVisible();

  // The track plays out by itself (an ad comes only after a track that ended on its own).
  const durationMs = sim.player.catalogue().find((t) => t.uri === sim.player.snapshot().itemUri)!.durationMs;
  sim.player.externalResume();
  sim.player.externalSeek(durationMs - 1_500);
  await expect(page.getByTestId('track-info')).toHaveAttribute('data-kind', 'ad', { timeout: 15_000 });
  await capture(page, 'now-playing-ad');
});

test.describe('local mode (no account, Spotify running on this computer)', () => {
  needsPrivateBus();
  let fake: FakePlayer | undefined;
  test.afterEach(async () => {
    await harness?.close();
    harness = undefined;
    await fake?.stop();
    fake = undefined;
  });

  test('playing, a panel that needs an account, Settings, the setup checklist over it', async ({ page }) => {
    fake = await spotifyPlayingHere();
    harness = await simHarness({ localPlayer: true });
    await openPlayer(page, harness);
    await expectLocalTrack(page, fake.state().track.title);
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
    await capture(page, 'local-mode-playing');

    await panelTab(page, 'Library').click();
    await expect(page.getByTestId('needs-account-library')).toBeVisible();
    await capture(page, 'local-mode-library');

    await panelTab(page, 'Settings').click();
    await expect(page.getByTestId('local-player-followed')).toContainText('Spotify');
    await capture(page, 'local-mode-settings');

    await panelTab(page, 'Now playing').click();
    await localBanner(page).getByRole('button', { name: 'Set up Traytune' }).click();
    await expect(page.getByTestId('overlay-onboarding')).toBeVisible();
    await capture(page, 'local-mode-set-up');
  });
});
