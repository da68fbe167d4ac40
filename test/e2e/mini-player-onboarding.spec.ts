/**
 * First run to signed in, through the harness in real Chromium: onboarding (the Client ID checked as
 * typed), the signed-out screen, sign-in with the simulator's consent page clicked in a second page, and
 * the ways a sign-in ends without one (Cancel on the consent page, Cancel in the app).
 */
import { expect, test } from '@playwright/test';
import { SEED_CLIENT_ID } from '../../dev/simulator/index.ts';
import { expectAccessibleInBothSchemes, shoot } from './support/artifacts.ts';
import {
  approveInSecondPage,
  catalogueTrack,
  openPlayer,
  simHarness,
  type SimHarness,
} from './support/harness.ts';

let harness: SimHarness;

test.beforeEach(async () => {
  harness = await simHarness();
});

test.afterEach(async () => {
  await harness.close();
});

test('onboarding → Client ID saved → signed out → consent in a second page → playing', async ({ page }) => {
  const { sim } = harness;
  await openPlayer(page, harness);
  await expect(page.getByRole('heading', { level: 1, name: 'Traytune' })).toBeVisible();
  const onboarding = page.getByTestId('onboarding');
  await expect(onboarding).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Redirect URI' })).toHaveValue('http://127.0.0.1/callback');
  await expect(page.getByRole('textbox', { name: 'Redirect URI' })).not.toBeEditable();
  await expectAccessibleInBothSchemes(page, 'onboarding');
  await shoot(page, 'onboarding');

  // The dashboard opens in the "system browser".
  const dashboard = harness.nextOpened();
  await page.getByRole('button', { name: 'Open developer dashboard' }).click();
  expect(new URL(await dashboard).hostname).toBe('developer.spotify.com');
  await expect(page.getByTestId('error-alert')).toHaveCount(0);

  // Save with the field empty, or blank: flagged in the form, and nothing is sent to main.
  const clientId = page.getByRole('textbox', { name: 'Client ID' });
  const save = page.getByRole('button', { name: 'Save Client ID' });
  for (const value of ['', '   ']) {
    await clientId.fill(value);
    await save.click();
    await expect(clientId).toHaveAttribute('aria-invalid', 'true');
    await expect(clientId).toBeFocused();
    await expect(page.locator('#client-id-hint')).toHaveText(/^Enter your app’s Client ID/);
    await expect(page.getByTestId('onboarding')).toBeVisible();
    expect(harness.app.getState().clientId).toBeNull();
  }
  await expectAccessibleInBothSchemes(page, 'onboarding with an empty Client ID');
  await shoot(page, 'onboarding-empty-client-id');

  // The Client ID is checked as it is typed; a wrong character marks it invalid at once.
  await clientId.fill('not-a-client-id');
  await expect(clientId).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#client-id-hint')).toContainText('0–9 and a–f');
  await expectAccessibleInBothSchemes(page, 'onboarding with an invalid Client ID');
  await shoot(page, 'onboarding-invalid-client-id');
  await clientId.fill(SEED_CLIENT_ID.slice(0, 10));
  // (Save was tried already, so an unfinished ID is flagged now too.)
  await expect(clientId).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#client-id-hint')).toContainText('10 of 32 characters');
  await clientId.fill(SEED_CLIENT_ID);
  await expect(page.locator('#client-id-hint')).toHaveText('Looks like a valid Client ID.');
  await expect(clientId).not.toHaveAttribute('aria-invalid', 'true');
  await save.click();

  await expect(page.getByTestId('signed-out')).toBeVisible();
  await expect(page.getByTestId('announcer')).toHaveText('Client ID saved');
  expect(harness.app.getState().clientId).toBe(SEED_CLIENT_ID);
  await expectAccessibleInBothSchemes(page, 'signed out (first run)');
  await shoot(page, 'signed-out-first-run');

  // Sign in: the app "opens the browser" (a second page here) and waits.
  const authorizeUrl = harness.nextOpened();
  await page.getByRole('button', { name: 'Sign in with Spotify' }).click();
  await expect(page.getByTestId('signing-in')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Signing in' })).toBeVisible();
  await expect(page.getByText('Waiting for your browser…')).toBeVisible();
  // In case no browser opened: the consent page's address, to copy into one.
  const link = page.getByRole('textbox', { name: 'Link to open in your browser' });
  await expect(link).toHaveValue(await authorizeUrl);
  await expect(link).not.toBeEditable();
  await expect(page.getByRole('button', { name: 'Copy link to open in your browser' })).toBeVisible();
  await shoot(page, 'signing-in', { settle: false });
  const authorize = new URL(await authorizeUrl);
  expect(authorize.origin).toBe(sim.accountsUrl);
  expect(authorize.searchParams.get('client_id')).toBe(SEED_CLIENT_ID);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  await approveInSecondPage(page, authorizeUrl);

  // Signed in: the seeded track, paused, on the seeded device.
  await expect(page.getByTestId('now-playing')).toBeVisible();
  const seeded = sim.player.snapshot();
  await expect(page.getByTestId('track-title')).toHaveText(catalogueTrack(sim, seeded.itemUri).name);
  await expect(page.getByTestId('track-artists')).not.toBeEmpty();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await expect(page.getByTestId('now-playing').getByText('On Traytune Desktop')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Traytune Tester');
  expect(sim.requests.count({ path: '/api/token' })).toBe(1);
  expect(harness.app.getState().account).toBe('signed-in');
});

test('Cancel on the consent page: back to signed out with one line, not the setup checklist', async ({
  page,
}) => {
  await harness.app.handlers['app:setClientId']({ clientId: SEED_CLIENT_ID });
  await openPlayer(page, harness);
  const authorizeUrl = harness.nextOpened();
  await page.getByRole('button', { name: 'Sign in with Spotify' }).click();

  const consent = await page.context().newPage();
  await consent.goto(await authorizeUrl);
  await consent.getByRole('button', { name: 'Cancel' }).click();
  await expect(consent.getByRole('heading', { level: 1 })).toBeVisible();
  await consent.close();

  await expect(page.getByTestId('signed-out')).toBeVisible();
  // Cancelled on purpose: nothing is wrong with the setup, so no error alert and no checklist.
  await expect(page.getByTestId('consent-cancelled')).toHaveText(/^You cancelled on Spotify.s page\./);
  await expect(page.getByTestId('sign-in-error')).toHaveCount(0);
  await expect(page.getByText('Check your Spotify app setup')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Redirect URI' })).toHaveCount(0);
  expect(harness.sim.requests.count({ path: '/api/token' })).toBe(0);
  await expectAccessibleInBothSchemes(page, 'consent cancelled');
  await shoot(page, 'consent-cancelled');

  // Sign in again: the consent page once more, and this time Agree.
  const again = harness.nextOpened();
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await approveInSecondPage(page, again);
  await expect(page.getByTestId('now-playing')).toBeVisible();
});

test('Cancel in the app while the browser is open: back to signed out, no error', async ({ page }) => {
  await harness.app.handlers['app:setClientId']({ clientId: SEED_CLIENT_ID });
  await openPlayer(page, harness);
  const authorizeUrl = harness.nextOpened();
  await page.getByRole('button', { name: 'Sign in with Spotify' }).click();
  await authorizeUrl;
  await expect(page.getByTestId('signing-in')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  await expect(page.getByTestId('signed-out')).toBeVisible();
  await expect(page.getByTestId('sign-in-error')).toHaveCount(0);
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  expect(harness.app.getState().account).toBe('signed-out');
});
