/**
 * Keyboard only, from page load: focus moves with Tab / Shift+Tab, controls work with Space, Enter and the
 * arrows (no clicks, no `focus()`), including the consent page in the second page. Every action is checked
 * in the simulator's state.
 */
import { expect, test, type Page } from '@playwright/test';
import { SEED_CLIENT_ID } from '../../dev/simulator/index.ts';
import { shoot } from './support/artifacts.ts';
import {
  IN_ORDER,
  holdVanishingDevices,
  openPlayer,
  optionsForTags,
  simHarness,
  type SimHarness,
} from './support/harness.ts';
import { tabTo } from './support/keyboard.ts';
import { panelTab } from './support/panels.ts';

let harness: SimHarness;

test.beforeEach(async ({ page }, testInfo) => {
  harness = await simHarness({ ...optionsForTags(testInfo.tags), settings: { clientId: SEED_CLIENT_ID } });
  await openPlayer(page, harness);
  await signInWithKeyboard(page);
});

test.afterEach(async () => {
  await harness.close();
});

/** Signed out → Tab to "Sign in with Spotify", Enter; in the browser page, Tab to Agree, Enter. */
async function signInWithKeyboard(page: Page): Promise<void> {
  await tabTo(page, page.getByRole('button', { name: 'Sign in with Spotify' }));
  const authorizeUrl = harness.nextOpened();
  await page.keyboard.press('Enter');
  const consent = await page.context().newPage();
  await consent.goto(await authorizeUrl);
  await tabTo(consent, consent.getByRole('button', { name: 'Agree' }));
  await consent.keyboard.press('Enter');
  await expect(consent.getByRole('heading', { level: 1 })).toContainText(/signed in|connected/i);
  await consent.close();
  await expect(page.getByTestId('now-playing')).toBeVisible();
}

test('window keys: ←/→ seek, ↑/↓ volume, Space plays and pauses', async ({ page }) => {
  const { sim } = harness;
  const volume = sim.player.snapshot().volumePercent!;
  expect(sim.player.snapshot().progressMs).toBe(0);

  // Paused, so the position only moves when asked.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => sim.player.snapshot().progressMs).toBe(10_000);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => sim.player.snapshot().progressMs).toBe(5_000);

  await page.keyboard.press('ArrowUp');
  await expect.poll(() => sim.player.snapshot().volumePercent).toBe(volume + 5);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => sim.player.snapshot().volumePercent).toBe(volume - 5);
  await expect(page.getByRole('slider', { name: 'Volume' })).toHaveAttribute(
    'aria-valuetext',
    `${volume - 5}%`,
  );

  await page.keyboard.press('Space');
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(false);

  // On the seek slider, Space still plays; its arrows seek by the same 5 s (from where it was paused).
  await tabTo(page, page.getByRole('slider', { name: 'Seek' }));
  const pausedAt = sim.player.snapshot().progressMs;
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => sim.player.snapshot().progressMs - pausedAt).toBeCloseTo(5_000, -3);
  await page.keyboard.press('Space');
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
});

test('Tab and Enter: like, next track, and add to a playlist (Escape closes the picker)', async ({
  page,
}) => {
  const { sim } = harness;
  const uri = sim.player.snapshot().itemUri!;
  expect(sim.player.likedUris()).toContain(uri);

  const like = page.getByRole('button', { name: 'Like', exact: true });
  await tabTo(page, like);
  await page.keyboard.press('Enter');
  await expect.poll(() => sim.player.likedUris()).not.toContain(uri);
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  await expect(like).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => sim.player.likedUris()[0]).toBe(uri);

  await tabTo(page, page.getByRole('button', { name: 'Next track' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect.poll(() => sim.player.snapshot().itemUri).not.toBe(uri);
  const current = sim.player.snapshot().itemUri!;

  const add = page.getByRole('button', { name: 'Add to playlist' });
  // Until a read says what Next brought, the item is loading and Add waits (disabled, out of the tab order).
  await expect(add).toBeEnabled();
  await tabTo(page, add);
  await page.keyboard.press('Enter');
  const picker = page.getByRole('region', { name: 'Add to playlist' });
  await expect(picker.getByRole('heading', { name: 'Add to playlist' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(add).toBeFocused();

  await page.keyboard.press('Enter');
  await tabTo(page, picker.getByRole('button', { name: /^Add to Road Trip/ }));
  await page.keyboard.press('Enter');
  await expect
    .poll(() => sim.player.playlists().find((playlist) => playlist.name.startsWith('Road Trip'))?.itemUris)
    .toContain(current);
  await expect(picker).toBeHidden();
  await expect(add).toBeFocused();
});

test(
  'tabs with the arrows; a device picked with ↓ and Space; a Liked song played with Enter',
  // Two device moves in quick succession: the point is the keys, not Spotify's reordering.
  { tag: IN_ORDER },
  async ({ page }) => {
    const { sim } = harness;
    // Here ↓ walking the list in order is the point.
    holdVanishingDevices(sim);
    // Back up to the tab list (one tab stop), then along it with the arrows: selection follows focus.
    await tabTo(page, page.getByRole('button', { name: 'Like', exact: true }));
    await tabTo(page, panelTab(page, 'Now playing'), { backwards: true });
    await page.keyboard.press('ArrowRight');
    await expect(panelTab(page, 'Search')).toBeFocused();
    await expect(panelTab(page, 'Search')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('End');
    await expect(panelTab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowLeft');
    await expect(panelTab(page, 'Devices')).toHaveAttribute('aria-selected', 'true');

    // Into the radio group: focus lands on the active device; ↓ only moves focus, Space picks.
    const devices = page.getByRole('radiogroup', { name: 'Devices' });
    await tabTo(page, devices.getByRole('radio', { name: 'Traytune Desktop' }));
    await page.keyboard.press('ArrowDown');
    await expect(devices.getByRole('radio', { name: 'Pixel Phone' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    const kitchenRadio = devices.getByRole('radio', { name: 'Kitchen Speaker' });
    await expect(kitchenRadio).toBeFocused();
    const desktop = sim.player.snapshot().deviceId;
    expect(sim.player.snapshot().deviceId).toBe(desktop);
    await page.keyboard.press('Space');
    const kitchen = sim.player.devices().find((device) => device.name === 'Kitchen Speaker')!;
    await expect.poll(() => sim.player.snapshot().deviceId).toBe(kitchen.id);
    await expect(kitchenRadio).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('announcer')).toHaveText('Playing on Kitchen Speaker');
    // Enter picks too: back to the desktop.
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => sim.player.snapshot().deviceId).toBe(desktop);

    // Library › Liked: Shift+Tab to the tab list, ← ←, Tab into the list (one tab stop), ↓ to the second
    // song (the arrow moves the focus: no seek, no volume), Enter plays it in Liked Songs.
    await tabTo(page, panelTab(page, 'Devices'), { backwards: true });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(panelTab(page, 'Library')).toHaveAttribute('aria-selected', 'true');
    const songs = page.getByTestId('library-liked').getByRole('button', { name: /^Play / });
    await expect(songs).toHaveCount(20);
    await tabTo(page, songs.first());
    const { volumePercent } = sim.player.snapshot();
    await page.keyboard.press('ArrowDown');
    await expect(songs.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowRight'); // to the row's buttons, not a seek
    await page.keyboard.press('ArrowLeft');
    await expect(songs.nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => sim.player.snapshot().itemUri).toBe(sim.player.likedUris()[1]);
    await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
    expect(sim.player.snapshot().contextUri).toMatch(/^spotify:user:[^:]+:collection$/);
    expect(sim.player.snapshot().volumePercent).toBe(volumePercent);
    await shoot(page, 'keyboard-liked');
  },
);

test('Settings: a checkbox toggled with Space; keys pressed while recording a shortcut are not the window keys', async ({
  page,
}) => {
  const { sim, app } = harness;
  await tabTo(page, panelTab(page, 'Now playing'));
  await page.keyboard.press('End');
  await expect(panelTab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');

  const notify = page.getByRole('checkbox', { name: 'Notify on track change' });
  await tabTo(page, notify);
  await page.keyboard.press('Space');
  await expect(notify).toBeChecked();
  await expect
    .poll(async () => (await app.handlers['settings:get'](undefined)).notifyOnTrackChange)
    .toBe(true);

  const record = page.getByRole('button', { name: 'Record Play/pause' });
  await tabTo(page, record, { backwards: true });
  const commands = (): number =>
    sim.requests.count({ method: 'PUT', path: '/v1/me/player/play' }) +
    sim.requests.count({ method: 'PUT', path: '/v1/me/player/pause' });
  const before = commands();
  await page.keyboard.press('Enter'); // starts recording
  const recording = page.getByRole('button', { name: /^Recording Play\/pause/ });
  await expect(recording).toBeFocused();
  // Space alone is recorded (and refused as a global shortcut), not played; Escape cancels, not hides.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('shortcut-playPause-status')).toHaveText(
    /Not a valid shortcut: add Ctrl, Alt/,
  );
  await page.keyboard.press('Escape');
  await expect(record).toBeFocused();
  expect(harness.desktop.calls).not.toContain('hideMiniPlayer');
  expect((await app.handlers['settings:get'](undefined)).shortcuts.playPause).toBeNull();

  // Space on the seek slider does play: and it is the only command sent since (the recorder's was none).
  await tabTo(page, panelTab(page, 'Settings'), { backwards: true });
  await page.keyboard.press('Home');
  await tabTo(page, page.getByRole('slider', { name: 'Seek' }));
  await page.keyboard.press('Space');
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
  expect(commands()).toBe(before + 1);
});

test(
  'in-window keys: N, P, L, S, R; not while a menu is open; listed in Settings',
  // Quick presses whose exact results are checked: the point is the keys, not Spotify's reordering.
  { tag: IN_ORDER },
  async ({ page }) => {
    const { sim } = harness;
    const start = sim.player.snapshot();
    expect(start.shuffle).toBe(false);
    expect(start.repeat).toBe('off');

    await page.keyboard.press('s');
    await expect.poll(() => sim.player.snapshot().shuffle).toBe(true);
    await page.keyboard.press('s');
    await expect.poll(() => sim.player.snapshot().shuffle).toBe(false);
    await page.keyboard.press('r');
    await expect.poll(() => sim.player.snapshot().repeat).toBe('context');
    await page.keyboard.press('r');
    await expect.poll(() => sim.player.snapshot().repeat).toBe('track');
    await page.keyboard.press('r');
    await expect.poll(() => sim.player.snapshot().repeat).toBe('off');

    await page.keyboard.press('n');
    await expect.poll(() => sim.player.snapshot().itemUri).not.toBe(start.itemUri);
    const second = sim.player.snapshot().itemUri!;
    await expect(page.getByRole('button', { name: 'Previous track' })).toBeEnabled();
    await page.keyboard.press('p');
    await expect.poll(() => sim.player.snapshot().itemUri).toBe(start.itemUri);

    const liked = sim.player.likedUris().includes(start.itemUri!);
    await expect(page.getByRole('button', { name: 'Like', exact: true })).toHaveAttribute(
      'aria-pressed',
      String(liked),
    );
    await page.keyboard.press('l');
    await expect.poll(() => sim.player.likedUris().includes(start.itemUri!)).toBe(!liked);

    // With a row's menu open, N is the menu's (no skip), and Escape closes only the menu.
    await tabTo(page, page.getByRole('button', { name: 'Like', exact: true }));
    await tabTo(page, panelTab(page, 'Now playing'), { backwards: true });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(panelTab(page, 'Library')).toHaveAttribute('aria-selected', 'true');
    const firstSong = page
      .getByTestId('library-liked')
      .getByRole('button', { name: /^Play / })
      .first();
    await tabTo(page, firstSong);
    await page.keyboard.press('Shift+F10');
    await expect(page.getByRole('menu')).toBeVisible();
    await page.keyboard.press('n');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(firstSong).toBeFocused();
    // On the row itself, N is the window's again: the only skip since is this one.
    await page.keyboard.press('n');
    await expect.poll(() => sim.player.snapshot().itemUri).toBe(second);
    expect(harness.desktop.calls).not.toContain('hideMiniPlayer');

    await tabTo(page, panelTab(page, 'Library'), { backwards: true });
    await page.keyboard.press('End');
    const keys = page.getByTestId('window-keys');
    await expect(keys.getByRole('row', { name: /^N Next track/ })).toBeVisible();
    for (const key of ['P', 'L', 'S', 'R', 'Ctrl+F']) {
      await expect(keys.getByRole('rowheader', { name: key, exact: true })).toBeVisible();
    }
  },
);

test('Enter on Play keeps the focus on the play/pause button', async ({ page }) => {
  // Shown as playing before Spotify confirms, the Pause button must be enabled at once: a disabled
  // button would drop the keyboard focus to <body>.
  const { sim } = harness;
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await tabTo(page, play);
  await page.keyboard.press('Enter');
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
  await expect(page.locator('.play-button')).toBeFocused({ timeout: 2_000 });
});
