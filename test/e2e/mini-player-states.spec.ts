/**
 * Every account and connection state, induced in the Spotify simulator the way it happens for real, as
 * the mini-player shows it: the banner or screen, what still works and what is refused, how it ends.
 * Each state gets the axe scan (light and dark) and a screenshot in test-results/screenshots/.
 */
import { expect, test, type Page } from '@playwright/test';
import { SEED_CLIENT_ID, SEED_USER_ID } from '../../dev/simulator/index.ts';
import { KeychainUnavailableError } from '../../src/main/auth/errors.ts';
import type { TokenCache } from '../../src/main/auth/token-cache.ts';
import { expectAccessibleInBothSchemes, shoot } from './support/artifacts.ts';
import {
  approveInSecondPage,
  catalogueTrack,
  holdVanishingDevices,
  signInFromUi,
  signedInHarness,
  type SimHarness,
} from './support/harness.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PLAYER = '/v1/me/player';
/** A 1×1 transparent PNG, served as cover art. */
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

let harness: SimHarness | undefined;

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function signedIn(page: Page): Promise<SimHarness> {
  harness = await signedInHarness(page);
  return harness;
}

function banner(page: Page) {
  return page.getByTestId('connection-banner');
}

function playButton(page: Page) {
  return page.getByRole('button', { name: 'Play', exact: true });
}

/** The banner's answer to a press its state refused (instead of a second alert telling the same). */
function refusedPress(page: Page) {
  return banner(page).getByTestId('refused-press');
}

test('no device: the banner offers the devices, "Play here" starts playback there', async ({ page }) => {
  const { sim } = await signedIn(page);
  // Here the devices offered are the point (the realistic profile lets two drop out now and then).
  holdVanishingDevices(sim);
  sim.player.deactivate();

  await expect(banner(page)).toHaveAttribute('data-status', 'no-device');
  await expect(banner(page).getByRole('heading', { name: 'No active device' })).toBeVisible();
  const playHere = page.getByRole('button', { name: /^Play here: / });
  await expect(playHere).toHaveCount(3);
  // "Play here" stays on one line, whatever the device's name (the name gives way instead).
  for (const button of await playHere.all()) {
    await expect(button).toHaveCSS('white-space', 'nowrap');
    const lines = await button.evaluate((el) =>
      Math.round(el.clientHeight / parseFloat(getComputedStyle(el).lineHeight)),
    );
    expect(lines).toBe(1);
  }
  await expect(page.getByTestId('announcer')).toHaveText('No active device');
  await expectAccessibleInBothSchemes(page, 'no device');
  await shoot(page, 'no-device');

  const kitchen = sim.player.devices().find((device) => device.name === 'Kitchen Speaker')!;
  await page.getByRole('button', { name: 'Play here: Kitchen Speaker' }).click();
  await expect.poll(() => sim.player.snapshot().deviceId).toBe(kitchen.id);
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
  await expect(banner(page)).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText(/Playing on Kitchen Speaker|Connected to Spotify/);
  await expect(page.getByTestId('now-playing').getByText('On Kitchen Speaker')).toBeVisible();
});

test('no device, then Play: the command moves playback to the last device by itself', async ({ page }) => {
  const { sim } = await signedIn(page);
  const desktop = sim.player.snapshot().deviceId;
  sim.player.deactivate();
  await expect(banner(page)).toHaveAttribute('data-status', 'no-device');

  await playButton(page).click();
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
  expect(sim.player.snapshot().deviceId).toBe(desktop);
  await expect(banner(page)).toBeHidden();
});

test('Premium required: commands refused, said once in the banner; the library still works', async ({
  page,
}) => {
  const { sim } = await signedIn(page);
  sim.setPremium(SEED_USER_ID, false);

  await playButton(page).click();
  await expect(banner(page)).toHaveAttribute('data-status', 'premium-required');
  await expect(banner(page).getByRole('heading', { name: 'Spotify Premium required' })).toBeVisible();
  // The press is answered in the banner, which gives the reason: no alert repeats it.
  const note = refusedPress(page);
  await expect(note).toHaveRole('alert');
  await expect(note).toHaveText(/Play was not carried out\./);
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  expect(sim.player.snapshot().isPlaying).toBe(false);
  await expectAccessibleInBothSchemes(page, 'premium required');
  await shoot(page, 'premium-required');

  // Later presses are refused here, without asking Spotify again.
  const plays = sim.requests.count({ method: 'PUT', path: `${PLAYER}/play` });
  await note.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(note).toBeHidden();
  await playButton(page).click();
  await expect(note).toBeVisible();
  expect(sim.requests.count({ method: 'PUT', path: `${PLAYER}/play` })).toBe(plays);
  expect(sim.player.snapshot().isPlaying).toBe(false);

  // Reads and the library go on: Liked Songs still load, a like still lands.
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(
    page.getByRole('list', { name: 'Liked Songs', exact: true }).getByRole('listitem'),
  ).toHaveCount(20);
  await page.getByRole('tab', { name: 'Now playing' }).click();
  await page.getByRole('button', { name: 'Like', exact: true }).click();
  await expect.poll(() => sim.player.likedUris()).not.toContain(sim.player.snapshot().itemUri);
  await expect(banner(page)).toHaveAttribute('data-status', 'premium-required');

  // The account is upgraded: "Try again" clears the refusal with one read, and Play goes through.
  sim.setPremium(SEED_USER_ID, true);
  const reads = sim.requests.count({ method: 'GET', path: PLAYER });
  await banner(page).getByRole('button', { name: 'Try again' }).click();
  await expect(banner(page)).toBeHidden();
  expect(sim.requests.count({ method: 'GET', path: PLAYER })).toBeGreaterThan(reads);
  await expect(page.getByTestId('announcer')).toHaveText('Connected to Spotify');
  await playButton(page).click();
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
  await expect(page.getByTestId('error-alert')).toBeHidden();
});

test('rate limited: one time counting down; a press meanwhile is refused, and says so', async ({ page }) => {
  const { sim } = await signedIn(page);
  const retryAfterS = 30;
  sim.injectFault({ method: 'GET', path: PLAYER, retryAfter: retryAfterS });

  await expect(banner(page)).toHaveAttribute('data-status', 'rate-limited');
  const heading = banner(page).getByRole('heading', { name: /^Spotify asked Traytune to wait: \d:\d\d$/ });
  await expect(heading).toBeVisible();
  await expect(page.getByTestId('announcer')).toHaveText('Spotify asked Traytune to wait');
  // The one time on the screen counts down.
  const shown = async (): Promise<number> => {
    const [, m, s] = /(\d+):(\d\d)$/.exec((await heading.textContent()) ?? '') ?? [];
    return Number(m) * 60 + Number(s);
  };
  const first = await shown();
  expect(first).toBeLessThanOrEqual(retryAfterS);
  await expect.poll(shown).toBeLessThan(first);
  // Only the countdown gives a time: the message has none, and the failed read has no alert of its own.
  await expect(banner(page).locator('#connection-message')).not.toContainText(/\d/);
  await expect(banner(page).locator('#connection-message')).toContainText(/not carried out/);
  await expect(page.getByTestId('error-alert')).toHaveCount(0);

  // A press during the pause is refused (the engine does not hold it), the banner says so; nothing is sent.
  await playButton(page).click();
  await expect(refusedPress(page)).toHaveText(/Play was not sent\./);
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  expect(sim.requests.count({ method: 'PUT', path: `${PLAYER}/play` })).toBe(0);
  expect(sim.player.snapshot().isPlaying).toBe(false);
  await expectAccessibleInBothSchemes(page, 'rate limited');
  await shoot(page, 'rate-limited');

  // The pause ends (the app's and the simulator's clock moved past it): the press was not carried out
  // afterwards either, as the words said, and no stale alert comes up; pressed again, Play goes through.
  sim.clock.advance(retryAfterS * 1000);
  await refusedPress(page).getByRole('button', { name: 'Dismiss error' }).click();
  await expect(banner(page)).toBeHidden();
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  expect(sim.requests.count({ method: 'PUT', path: `${PLAYER}/play` })).toBe(0);
  expect(sim.player.snapshot().isPlaying).toBe(false);
  await playButton(page).click();
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
  await expect(banner(page)).toBeHidden();
  await expect(page.getByTestId('error-alert')).toBeHidden();
});

test('quota exceeded: Traytune stops asking, points to the dashboard, and tries again when asked', async ({
  page,
}) => {
  const { sim } = await signedIn(page);
  sim.injectFault({ method: 'GET', path: PLAYER, status: 429, reason: 'QUOTA_EXCEEDED' });

  await expect(banner(page)).toHaveAttribute('data-status', 'quota-exceeded');
  await expect(banner(page).getByRole('heading', { name: 'Spotify quota used up' })).toBeVisible();
  await expect(banner(page)).toContainText(/quota/);
  await expect(page.getByTestId('error-alert')).toBeHidden(); // the banner says it already
  const readsAtStop = sim.requests.count({ method: 'GET', path: PLAYER });

  await playButton(page).click();
  await expect(refusedPress(page)).toHaveText(/Play was not sent\./);
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  expect(sim.requests.count({ method: 'PUT', path: `${PLAYER}/play` })).toBe(0);
  await expectAccessibleInBothSchemes(page, 'quota exceeded');
  await shoot(page, 'quota-exceeded');

  await page.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(refusedPress(page)).toHaveCount(0);
  const dashboard = harness!.nextOpened();
  await banner(page).getByRole('button', { name: 'Open developer dashboard' }).click();
  expect(new URL(await dashboard).hostname).toBe('developer.spotify.com');
  await expect(page.getByTestId('error-alert')).toBeHidden();

  // Nothing was asked meanwhile; "Try again" reads once (the fault was a one-off), and all is well again.
  expect(sim.requests.count({ method: 'GET', path: PLAYER })).toBe(readsAtStop);
  await banner(page).getByRole('button', { name: 'Try again' }).click();
  await expect(banner(page)).toBeHidden();
  expect(sim.requests.count({ method: 'GET', path: PLAYER })).toBeGreaterThan(readsAtStop);
  await expect(page.getByTestId('announcer')).toHaveText('Connected to Spotify');
  await playButton(page).click();
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
});

test('offline: Spotify unreachable, then back by itself', async ({ page }) => {
  const { sim } = await signedIn(page);
  sim.injectFault({ method: 'GET', path: PLAYER, reset: true, times: Infinity });

  await expect(banner(page)).toHaveAttribute('data-status', 'offline');
  await expect(banner(page).getByRole('heading', { name: 'Offline' })).toBeVisible();
  await expect(page.getByTestId('announcer')).toHaveText('Offline');
  await expectAccessibleInBothSchemes(page, 'offline');
  await shoot(page, 'offline');

  // The network comes back: the next read (with backoff) clears it without a click.
  sim.clearFaults();
  await expect(banner(page)).toBeHidden();
  await expect(page.getByTestId('error-alert')).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText('Connected to Spotify');
  await playButton(page).click();
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
  // The quick reads that ended the outage stayed under the rate limit.
  expect(sim.requests.count({ status: 429 })).toBe(0);
});

test('cover art that cannot load: the placeholder instead of a broken image; a new cover is tried afresh', async ({
  page,
}) => {
  // Routed before the player loads, so every cover request is answered here: first not at all (offline).
  const requested: string[] = [];
  let serve = false;
  await page.route('https://i.scdn.co/**', (route) => {
    requested.push(route.request().url());
    return serve
      ? route.fulfill({ contentType: 'image/png', body: Buffer.from(ONE_PIXEL_PNG, 'base64') })
      : route.abort('internetdisconnected');
  });
  const { sim } = await signedIn(page);
  const nowPlaying = page.getByTestId('now-playing');
  await expect.poll(() => requested.length).toBeGreaterThan(0);
  await expect(nowPlaying.locator('.art-large.art-placeholder')).toBeVisible();
  await expect(nowPlaying.locator('img')).toHaveCount(0);
  await expect(nowPlaying.locator('.art-placeholder')).toHaveAttribute('aria-hidden', 'true');

  // Another album (another URL) while the images load again: the cover shows, decorative as before.
  serve = true;
  const other = sim.player.catalogue().at(-1)!;
  sim.player.externalPlay({ uris: [other.uri] });
  await expect(page.getByTestId('track-title')).toHaveText(other.name);
  const cover = nowPlaying.locator('img.art-large');
  await expect(cover).toBeVisible();
  await expect(cover).toHaveAttribute('alt', '');
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(nowPlaying.locator('.art-placeholder')).toHaveCount(0);
});

test('reconnect needed (refresh token revoked): sign in again, and playing again', async ({ page }) => {
  const h = await signedIn(page);
  const { sim } = h;
  sim.revokeRefreshTokens(SEED_USER_ID);
  // The access token's hour runs out: the next read needs a refresh, which Spotify now refuses.
  sim.clock.advance(HOUR_MS + 60_000);

  const screen = page.getByTestId('reconnect-needed');
  await expect(screen).toBeVisible();
  await expect(screen.getByRole('heading', { name: 'Reconnect to Spotify' })).toBeVisible();
  await expect(page.getByTestId('sign-in-error')).toHaveRole('alert');
  await expect(page.getByTestId('now-playing')).toHaveCount(0);
  expect(h.app.getState().account).toBe('reconnect-needed');
  await expectAccessibleInBothSchemes(page, 'reconnect needed');
  await shoot(page, 'reconnect-needed');

  // Spotify remembers the consent, so the browser comes straight back.
  await signInFromUi(page, h, 'Sign in again');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
});

test('reconnect needed (six months after consent): the expired sign-in is noticed', async ({ page }) => {
  const { sim, app } = await signedIn(page);
  sim.clock.advance(184 * DAY_MS);

  await expect(page.getByTestId('reconnect-needed')).toBeVisible();
  await expect(page.getByTestId('sign-in-error')).not.toBeEmpty();
  expect(app.getState().account).toBe('reconnect-needed');
});

test('signed out from Settings: asked first; the grant is forgotten; signing in again shows the consent page', async ({
  page,
}) => {
  const h = await signedIn(page);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByText('Signed in as Traytune Tester.')).toBeVisible();

  // Sign out asks first, in the window: focus on the safe answer; Escape (or it) puts things back.
  const signOut = page.getByRole('button', { name: 'Sign out…' });
  await signOut.click();
  const confirm = page.getByRole('group', { name: /^Sign out of Spotify\?/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await expectAccessibleInBothSchemes(page, 'sign out confirmation');
  await shoot(page, 'sign-out-confirm');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(signOut).toBeFocused();
  expect(h.desktop.calls).not.toContain('hideMiniPlayer'); // that Escape was the question's
  expect(h.app.getState().account).toBe('signed-in');
  // By keyboard: Enter opens the question, Tab to "Sign out", Enter.
  await page.keyboard.press('Enter');
  await expect(confirm.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirm.getByRole('button', { name: 'Sign out', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('signed-out')).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Panels' })).toHaveCount(0);
  await expect(page.getByRole('banner')).not.toContainText('Traytune Tester');
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  expect(h.app.getState()).toMatchObject({ account: 'signed-out', clientId: SEED_CLIENT_ID, userName: null });
  await expectAccessibleInBothSchemes(page, 'signed out');
  await shoot(page, 'signed-out');

  // After a sign-out the consent page is shown again (so another account could be chosen).
  const lastAuthorizeUrl = (): URL =>
    new URL(h.opened.filter((url) => url.startsWith(h.sim.accountsUrl)).at(-1)!);
  await signInFromUi(page, h);
  expect(lastAuthorizeUrl().searchParams.get('show_dialog')).toBe('true');
  await expect(page.getByTestId('track-title')).toHaveText(
    catalogueTrack(h.sim, h.sim.player.snapshot().itemUri).name,
  );

  // Switch account: the current sign-in stays (the player goes on) while the other account's consent
  // page is open, with its link to copy; Cancel leaves everything as it was.
  await page.getByRole('tab', { name: 'Settings' }).click();
  let authorizeUrl = h.nextOpened();
  await page.getByRole('button', { name: 'Switch account' }).click();
  const switching = page.getByTestId('switching-account');
  await expect(switching).toBeVisible();
  await expect(switching).toContainText('You stay signed in as Traytune Tester until it succeeds.');
  const link = switching.getByRole('textbox', { name: 'Link to open in your browser' });
  await expect(link).toHaveValue(await authorizeUrl);
  await expect(page.getByRole('tablist', { name: 'Panels' })).toBeVisible(); // still signed in
  expect(h.app.getState()).toMatchObject({ account: 'signed-in', switchingAccount: true });
  await expectAccessibleInBothSchemes(page, 'switching account');
  await shoot(page, 'switching-account', { settle: false });
  await switching.getByRole('button', { name: 'Cancel switching' }).click();
  await expect(switching).toHaveCount(0);
  await expect(page.getByText('Signed in as Traytune Tester.')).toBeVisible();
  expect(h.app.getState()).toMatchObject({ account: 'signed-in', switchingAccount: false });

  // Switching through: the consent page, then the player with the (same, here) account.
  authorizeUrl = h.nextOpened();
  await page.getByRole('button', { name: 'Switch account' }).click();
  await approveInSecondPage(page, authorizeUrl);
  expect(lastAuthorizeUrl().searchParams.get('show_dialog')).toBe('true');
  await expect(page.getByTestId('switching-account')).toHaveCount(0);
  await expect(page.getByText('Signed in as Traytune Tester.')).toBeVisible();
  expect(h.app.getState()).toMatchObject({ account: 'signed-in', switchingAccount: false });
});

test('keychain unavailable: a warning on every screen, signed in for this run only', async ({ page }) => {
  const unavailable = (): Promise<never> =>
    Promise.reject(new KeychainUnavailableError('no Secret Service on the session bus'));
  const noKeychain = (): TokenCache => ({ load: unavailable, save: unavailable, clear: unavailable });
  harness = await signedInHarness(page, { createTokenCache: noKeychain });

  const warning = page.getByTestId('keychain-warning');
  await expect(warning).toContainText('Keychain unavailable.');
  await expect(page.getByTestId('now-playing')).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'keychain warning');
  await shoot(page, 'keychain-warning');
});

test('an error alert can be dismissed; the banner stays while the state lasts', async ({ page }) => {
  const { sim } = await signedIn(page);
  sim.injectFault({
    method: 'PUT',
    path: `${PLAYER}/play`,
    status: 403,
    reason: 'UNKNOWN',
    message: 'Restriction violated',
  });
  await playButton(page).click();
  const alert = page.getByTestId('error-alert');
  await expect(alert).toBeVisible();
  expect(sim.player.snapshot().isPlaying).toBe(false);
  await expect(playButton(page)).toBeVisible(); // rolled back
  await expectAccessibleInBothSchemes(page, 'error alert');
  await shoot(page, 'error-alert');
  await alert.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(alert).toBeHidden();
});
