/**
 * The window users handle: the top bar moves it and hides it, Escape hides it (after closing what is open
 * inside), shortcuts are recorded by pressing the keys, Copy goes through main, the tray's panels open,
 * and the desktop's status (macOS Accessibility, a waiting update, Wayland) is explained. What only a
 * desktop shell can observe (hide, copy, Accessibility, install) is read from the harness's recording
 * shell; the layout is checked from the minimum window size up.
 */
import { expect, test, type Page } from '@playwright/test';
import { SEED_CLIENT_ID } from '../../dev/simulator/index.ts';
import type { DesktopStatus } from '../../src/shared/app-state.ts';
import { expectAccessibleInBothSchemes, shoot } from './support/artifacts.ts';
import { openPlayer, signedInHarness, simHarness, type SimHarness } from './support/harness.ts';
import { panelTab } from './support/panels.ts';

let harness: SimHarness | undefined;

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Signed in, on the simulator, with the stand-in desktop reporting `desktop`. */
async function signedIn(page: Page, desktop: Partial<DesktopStatus> = {}): Promise<SimHarness> {
  harness = await signedInHarness(page, { desktop: { platform: 'linux', ...desktop } });
  return harness;
}

/** What a recorded shortcut's status says in the harness, which has no global shortcuts. */
const NO_GLOBAL_SHORTCUTS = 'Not available outside the desktop app';

async function openSettings(page: Page): Promise<void> {
  await panelTab(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
}

/** Starts recording the shortcut `label` and presses `keys` on the recorder. */
async function record(page: Page, label: string, keys: string): Promise<void> {
  await page.getByRole('button', { name: `Record ${label}` }).click();
  await expect(
    page.getByRole('button', { name: new RegExp(`^Recording ${label.replace('/', '\\/')}`) }),
  ).toBeFocused();
  await page.keyboard.press(keys);
}

async function savedShortcuts(h: SimHarness) {
  return (await h.app.handlers['settings:get'](undefined)).shortcuts;
}

test('the top bar is the drag region, and its Hide button hides the window', async ({ page }) => {
  const h = await signedIn(page);
  const topbar = page.locator('header.topbar');
  await expect(topbar).toHaveCSS('-webkit-app-region', 'drag');
  const hide = topbar.getByRole('button', { name: 'Hide' });
  await expect(hide).toHaveCSS('-webkit-app-region', 'no-drag');
  await expect(hide).toHaveAttribute('title', 'Hide (Esc)');
  await hide.click();
  await expect.poll(() => h.desktop.calls).toEqual(['hideMiniPlayer']);
});

test('Escape hides the window, but first closes the playlist picker or a recording shortcut', async ({
  page,
}) => {
  const h = await signedIn(page);
  await page.getByRole('button', { name: 'Add to playlist' }).click();
  const picker = page.getByRole('region', { name: 'Add to playlist' });
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  expect(h.desktop.calls).toEqual([]);

  await openSettings(page);
  await page.getByRole('button', { name: 'Record Next track' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Record Next track' })).toBeFocused();
  expect(h.desktop.calls).toEqual([]);
  expect((await savedShortcuts(h)).next).toBeNull();

  await page.keyboard.press('Escape');
  await expect.poll(() => h.desktop.calls).toEqual(['hideMiniPlayer']);
});

test('shortcut recorder: record, the same keys twice, keys that cannot be a shortcut, turn off', async ({
  page,
}) => {
  const h = await signedIn(page);
  await openSettings(page);
  const playPause = page.getByTestId('shortcut-playPause');
  const next = page.getByTestId('shortcut-next');
  // Opt-in: nothing but the media keys is bound at first.
  await expect(playPause.locator('kbd')).toHaveText('Off');
  await expect(page.getByTestId('shortcut-playPause-status')).toHaveText('');

  await record(page, 'Play/pause', 'Control+Alt+KeyP');
  await expect.poll(async () => (await savedShortcuts(h)).playPause).toBe('Control+Alt+P');
  await expect(playPause.locator('kbd')).toHaveText('Ctrl+Alt+P');
  // The harness has no global shortcuts: the page says why, rather than "Off" next to the keys.
  await expect(page.getByTestId('shortcut-playPause-status')).toHaveText(NO_GLOBAL_SHORTCUTS);

  await record(page, 'Next track', 'Alt+Control+KeyP');
  await expect.poll(async () => (await savedShortcuts(h)).next).toBe('Control+Alt+P');
  await expect(page.getByTestId('shortcut-next-status')).toHaveText('Same keys as Play/pause');
  await expectAccessibleInBothSchemes(page, 'settings with a duplicate shortcut');
  await shoot(page, 'settings-shortcut-duplicate');

  // A plain key is refused as it is pressed, and recording goes on until a valid one comes.
  await record(page, 'Next track', 'KeyN');
  await expect(page.getByTestId('shortcut-next-status')).toHaveText(
    'Not a valid shortcut: add Ctrl, Alt or Super',
  );
  await page.keyboard.press('Shift+KeyN');
  await expect(page.getByTestId('shortcut-next-status')).toHaveText(
    'Not a valid shortcut: add Ctrl, Alt or Super',
  );
  expect((await savedShortcuts(h)).next).toBe('Control+Alt+P');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect.poll(async () => (await savedShortcuts(h)).next).toBe('Control+Shift+Right');
  await expect(next.locator('kbd')).toHaveText('Ctrl+Shift+Right');
  await expect(page.getByTestId('shortcut-next-status')).toHaveText(NO_GLOBAL_SHORTCUTS);
  await expect(page.getByTestId('shortcut-playPause-status')).toHaveText(NO_GLOBAL_SHORTCUTS);

  // Backspace while recording turns it off; so does the Off button.
  await record(page, 'Next track', 'Backspace');
  await expect.poll(async () => (await savedShortcuts(h)).next).toBeNull();
  await expect(next.locator('kbd')).toHaveText('Off');
  await page.getByRole('button', { name: 'Turn off Play/pause' }).click();
  await expect.poll(async () => (await savedShortcuts(h)).playPause).toBeNull();
  await expect(playPause.locator('kbd')).toHaveText('Off');
  await expect(page.getByTestId('shortcut-playPause-status')).toHaveText('');
  expect(h.desktop.calls).toEqual([]);
});

test('macOS: shortcuts in ⌘⌥⇧ notation, and why the media keys need Accessibility', async ({ page }) => {
  const h = await signedIn(page, { platform: 'darwin', mediaKeysNeedAccessibility: true });
  await openSettings(page);
  await record(page, 'Like/unlike', 'Meta+Alt+KeyL');
  await expect.poll(async () => (await savedShortcuts(h)).toggleLike).toBe('Command+Alt+L');
  await expect(page.getByTestId('shortcut-toggleLike').locator('kbd')).toHaveText('⌥⌘L');

  const note = page.getByTestId('accessibility-note');
  await expect(note).toContainText(
    'macOS lets an app see the media keys only if you allow it under Privacy & Security › Accessibility',
  );
  await expectAccessibleInBothSchemes(page, 'settings asking for Accessibility');
  await shoot(page, 'settings-accessibility');
  await note.getByRole('button', { name: 'Open Accessibility settings' }).click();
  await expect.poll(() => h.desktop.calls).toEqual(['openAccessibilitySettings']);

  // Granted (the desktop notices and says so): the explanation goes.
  h.desktop.setStatus({ mediaKeysNeedAccessibility: false });
  await expect(note).toBeHidden();
});

test('a downloaded update: Restart to update in the settings', async ({ page }) => {
  const h = await signedIn(page);
  await openSettings(page);
  await expect(page.getByRole('button', { name: 'Restart to update' })).toHaveCount(0);
  h.desktop.setStatus({ updateReady: '0.3.0' });
  const update = page.getByTestId('update-ready');
  await expect(update).toContainText('Traytune 0.3.0 is downloaded and ready to install.');
  await expectAccessibleInBothSchemes(page, 'settings with an update waiting');
  await update.getByRole('button', { name: 'Restart to update' }).click();
  await expect.poll(() => h.desktop.calls).toEqual(['installUpdate']);
});

test('Wayland: placement and pinning on top are the desktop’s; a shortcut change needs a restart', async ({
  page,
}) => {
  const h = await signedIn(page, { wayland: true, shortcutChangeNeedsRestart: true });
  await openSettings(page);
  await expect(page.getByTestId('wayland-note')).toContainText(
    'the desktop decides where the mini-player opens',
  );
  await expect(page.getByRole('checkbox', { name: 'Always on top' })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: 'Pin the player' })).toBeEnabled();

  await expect(page.getByTestId('shortcut-showHide-status')).not.toContainText('Restart Traytune');
  await record(page, 'Show/hide player', 'Control+Alt+KeyS');
  await expect.poll(async () => (await savedShortcuts(h)).showHide).toBe('Control+Alt+S');
  await expect(page.getByTestId('shortcut-showHide-status')).toContainText(
    'Restart Traytune for this change to take effect',
  );
  // Back to what it was at start: nothing to restart for.
  await record(page, 'Show/hide player', 'Delete');
  await expect(page.getByTestId('shortcut-showHide').locator('kbd')).toHaveText('Off');
  await expect(page.getByTestId('shortcut-showHide-status')).toHaveText('');
  await expectAccessibleInBothSchemes(page, 'settings on Wayland');
  await shoot(page, 'settings-wayland');
});

test('Copy goes through main, exactly the text shown', async ({ page }) => {
  harness = await simHarness();
  await openPlayer(page, harness);
  await page.getByRole('button', { name: 'Copy redirect uri' }).click();
  await expect(page.getByTestId('redirect-uri-copy-status')).toHaveText('Copied');
  await expect(page.getByTestId('announcer')).toHaveText('Copied');
  expect(harness.desktop.copied).toEqual(['http://127.0.0.1/callback']);
  expect(harness.desktop.calls).toEqual(['copyText']);
});

test('the tray’s Settings… and Set up… open their panels', async ({ page }) => {
  // Signed out: Settings opens over the screen; Back or Escape closes it (Escape does not hide then).
  harness = await simHarness({ settings: { clientId: SEED_CLIENT_ID } });
  await openPlayer(page, harness);
  await expect(page.getByTestId('signed-out')).toBeVisible();
  harness.app.showPanel('settings');
  const settingsOverlay = page.getByTestId('overlay-settings');
  await expect(settingsOverlay.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(settingsOverlay.getByRole('button', { name: 'Back' })).toBeFocused();
  await expectAccessibleInBothSchemes(page, 'settings over the signed-out screen');
  await page.keyboard.press('Escape');
  await expect(settingsOverlay).toBeHidden();
  await expect(page.getByTestId('signed-out')).toBeVisible();
  expect(harness.desktop.calls).toEqual([]);

  harness.app.showPanel('onboarding');
  const setup = page.getByTestId('overlay-onboarding');
  await expect(setup.getByTestId('onboarding')).toBeVisible();
  await setup.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('signed-out')).toBeVisible();
  await harness.close();

  // Signed in: Settings is the player's Settings tab.
  harness = await signedInHarness(page);
  await expect(panelTab(page, 'Now playing')).toHaveAttribute('aria-selected', 'true');
  harness.app.showPanel('settings');
  await expect(panelTab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('overlay-settings')).toHaveCount(0);
});

test('the layout holds from the minimum size (320×480) up to 560×820; the art fills what the controls leave', async ({
  page,
}) => {
  await signedIn(page);
  const artWidth = () => page.locator('.art-large').evaluate((el) => el.getBoundingClientRect().width);
  /** Room left in <main> below the last row of controls (its bottom padding is 12 px). */
  const spaceBelowControls = () =>
    page.evaluate(() => {
      const main = document.querySelector('main')!;
      const extras = document.querySelector('.now-playing .extras')!;
      return main.getBoundingClientRect().bottom - extras.getBoundingClientRect().bottom;
    });
  const overflowsSideways = () =>
    page.evaluate(() => {
      const main = document.querySelector('main')!;
      return document.documentElement.scrollWidth > window.innerWidth || main.scrollWidth > main.clientWidth;
    });
  const widths: number[] = [];
  // A scrollbar that comes and goes does not move the layout sideways.
  await expect(page.locator('main')).toHaveCSS('scrollbar-gutter', 'stable');
  for (const size of [
    { width: 320, height: 480 },
    { width: 360, height: 560 },
    { width: 480, height: 800 },
    { width: 560, height: 820 },
  ]) {
    await page.setViewportSize(size);
    await panelTab(page, 'Now playing').click();
    widths.push(await artWidth());
    // No dead space: the art takes the height, so the controls end at the window's bottom padding.
    expect(
      await spaceBelowControls(),
      `space below the controls at ${size.width}×${size.height}`,
    ).toBeLessThan(16);
    for (const name of ['Now playing', 'Search', 'Library', 'Queue', 'Devices', 'Settings']) {
      await panelTab(page, name).click();
      await expect(page.getByRole('tabpanel').first()).toBeVisible();
      expect(await overflowsSideways(), `${name} at ${size.width}×${size.height}`).toBe(false);
    }
    await panelTab(page, 'Now playing').click();
    // The transport stays reachable: the Play button is within the window or reachable by scrolling <main>.
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeInViewport({ ratio: 0.5 });
    await shoot(page, `layout-${size.width}x${size.height}`);
  }
  expect(widths[0]).toBeLessThan(widths[1]!);
  expect(widths[1]).toBeLessThan(widths[2]!);
  expect(widths[2]).toBeLessThan(widths[3]!);
  // Large in the default window: most of its width (336 px inside the padding).
  expect(widths[1]).toBeGreaterThan(220);
  await page.setViewportSize({ width: 320, height: 480 });
  await panelTab(page, 'Settings').click();
  await expectAccessibleInBothSchemes(page, 'settings at the minimum size');
  await shoot(page, 'layout-320x480-settings');
});

test('long titles scroll on hover and keyboard focus, read in full in the tooltip, and copy on click', async ({
  page,
}) => {
  const h = await signedIn(page);
  const lines = page.locator('.track-copy');
  const title = page.getByTestId('track-title');
  const artists = page.getByTestId('track-artists');
  const full = `${await title.textContent()} — ${await artists.textContent()}`;
  await expect(lines).toHaveAttribute('title', `${full}\nClick to copy`);
  // The seeded title fits: nothing to scroll.
  await expect(title).not.toHaveAttribute('data-overflow');

  // Too long for its box (narrowed here through the CSSOM, as a long title would be): cut with an ellipsis…
  await page.getByTestId('track-info').evaluate((el: HTMLElement) => el.style.setProperty('width', '90px'));
  await expect(title).toHaveAttribute('data-overflow', 'true');
  await expect(title).toHaveCSS('text-overflow', 'ellipsis');
  const animation = () => title.locator('.marquee-text').evaluate((el) => getComputedStyle(el).animationName);
  expect(await animation()).toBe('none');
  // …scrolling while hovered…
  await lines.hover();
  await expect.poll(animation).toBe('marquee');
  await page.mouse.move(0, 0);
  await expect.poll(animation).toBe('none');
  // …and while focused from the keyboard (the tab before it, then Tab).
  await panelTab(page, 'Now playing').focus();
  await page.keyboard.press('Tab');
  await expect(lines).toBeFocused();
  await expect.poll(animation).toBe('marquee');
  // With reduced motion it does not move: it wraps, shown whole.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(animation).toBe('none');
  await expect(title).toHaveCSS('white-space', 'normal');
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // A click (or Enter) copies "title — artist", through main.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('announcer')).toHaveText(`Copied “${full}”`);
  expect(h.desktop.copied).toEqual([full]);
});

test('Requests to Spotify: the counts against the budget, the next read, and the budget field', async ({
  page,
}) => {
  const h = await signedIn(page);
  await openSettings(page);
  await expect(page.getByRole('heading', { name: 'Requests to Spotify', level: 3 })).toBeVisible();
  const today = page.getByTestId('requests-today');
  // The sign-in's reads are counted, against the default budget; all of them within the hour.
  await expect(today).toHaveText(/^[1-9]\d* of 1,000$/);
  const count = async (locator: typeof today) => Number((await locator.innerText()).split(' ')[0]);
  expect(await count(page.getByTestId('requests-last-hour'))).toBeGreaterThan(0);
  // What the page shows is what the app counted: never more than the simulator saw at the Web API.
  const seen = h.sim.requests.entries.filter((entry) => entry.path.startsWith('/v1/')).length;
  expect(await count(today)).toBeLessThanOrEqual(seen);
  await expect(page.getByTestId('requests-next-read')).toHaveText(/^(in \d+ s|now)$/);
  await expect(page.getByRole('meter', { name: 'Last 24 hours' })).toBeVisible();
  await expect(page.getByTestId('requests-note')).toContainText('last 24 hours, not the calendar day');
  await expectAccessibleInBothSchemes(page, 'settings with the request figures');

  // A budget out of range: said under the field, not saved.
  const field = page.getByRole('spinbutton', { name: 'Daily request budget' });
  await expect(field).toHaveValue('1000');
  await field.fill('50');
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#setting-dailyRequestBudget-note')).toHaveText(
    'Enter a whole number from 100 to 10,000.',
  );
  expect((await h.app.handlers['settings:get'](undefined)).dailyRequestBudget).toBe(1_000);
  await expectAccessibleInBothSchemes(page, 'settings with a refused request budget');
  await shoot(page, 'settings-request-budget-refused');

  // A good one, with Enter: saved, and the figures are measured against it.
  await field.fill('2500');
  await field.press('Enter');
  await expect
    .poll(async () => (await h.app.handlers['settings:get'](undefined)).dailyRequestBudget)
    .toBe(2_500);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(today).toHaveText(/^[1-9]\d* of 2,500$/);
  expect(h.app.requestBudget.dailyBudget).toBe(2_500);
});
