/**
 * The player's controls, end to end: every click in Chromium goes over the IPC bridge into TraytuneApp's
 * engine, out to the Spotify simulator, and is checked in the simulator's own state. Changes made on
 * "another device" (the simulator's external controls) come back into the UI.
 */
import { expect, test } from '@playwright/test';
import { expectAccessibleInBothSchemes, shoot } from './support/artifacts.ts';
import {
  IN_ORDER,
  catalogueTrack,
  holdVanishingDevices,
  optionsForTags,
  signedInHarness,
  type SimHarness,
} from './support/harness.ts';
import { panelTab } from './support/panels.ts';

let harness: SimHarness;

test.beforeEach(async ({ page }, testInfo) => {
  harness = await signedInHarness(page, optionsForTags(testInfo.tags));
});

test.afterEach(async () => {
  await harness.close();
});

test('play, next, previous and pause are carried out on Spotify', async ({ page }) => {
  const { sim } = harness;
  const first = sim.player.snapshot();
  expect(first.isPlaying).toBe(false);

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
  await shoot(page, 'playing');

  await page.getByRole('button', { name: 'Next track' }).click();
  await expect.poll(() => sim.player.snapshot().itemUri).not.toBe(first.itemUri);
  const second = sim.player.snapshot();
  await expect(page.getByTestId('track-title')).toHaveText(catalogueTrack(sim, second.itemUri).name);
  expect(second.isPlaying).toBe(true);

  await page.getByRole('button', { name: 'Previous track' }).click();
  await expect.poll(() => sim.player.snapshot().itemUri).toBe(first.itemUri);
  await expect(page.getByTestId('track-title')).toHaveText(catalogueTrack(sim, first.itemUri).name);

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(false);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  // Sign-in, 1-s polling and the commands stayed under the realistic rate limit (FAST_TUNING's guard).
  expect(sim.requests.count({ status: 429 })).toBe(0);
});

test('seek and volume sliders move Spotify’s position and volume', { tag: IN_ORDER }, async ({ page }) => {
  const { sim } = harness;
  const seek = page.getByRole('slider', { name: 'Seek' });
  const duration = catalogueTrack(sim, sim.player.snapshot().itemUri).durationMs;

  // Paused, so the position stays where it was put.
  await seek.fill('60');
  await expect.poll(() => sim.player.snapshot().progressMs).toBe(60_000);
  await expect(seek).toHaveAttribute('aria-valuetext', new RegExp(`^1:00 of `));
  // The slider's own arrows step 5 s.
  await seek.press('ArrowRight');
  await expect.poll(() => sim.player.snapshot().progressMs).toBe(65_000);
  await seek.press('ArrowLeft');
  await seek.press('ArrowLeft');
  await expect.poll(() => sim.player.snapshot().progressMs).toBe(55_000);
  expect(duration).toBeGreaterThan(55_000);

  const volume = page.getByRole('slider', { name: 'Volume' });
  const before = sim.player.snapshot().volumePercent;
  await volume.fill('30');
  await expect.poll(() => sim.player.snapshot().volumePercent).toBe(30);
  await expect(volume).toHaveAttribute('aria-valuetext', '30%');
  await volume.press('ArrowUp');
  await expect.poll(() => sim.player.snapshot().volumePercent).toBe(35);
  await volume.press('ArrowDown');
  await volume.press('ArrowDown');
  await expect.poll(() => sim.player.snapshot().volumePercent).toBe(25);
  expect(before).not.toBe(25);
});

test('like, unlike, and add the current song to a playlist', async ({ page }) => {
  const { sim } = harness;
  const uri = sim.player.snapshot().itemUri!;
  const like = page.getByRole('button', { name: 'Like', exact: true });
  // The seeded track is one of the liked songs.
  expect(sim.player.likedUris()).toContain(uri);
  await expect(like).toHaveAttribute('aria-pressed', 'true');

  await like.click();
  await expect.poll(() => sim.player.likedUris()).not.toContain(uri);
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  await like.click();
  await expect.poll(() => sim.player.likedUris()[0]).toBe(uri);
  await expect(like).toHaveAttribute('aria-pressed', 'true');

  const target = sim.player.playlists().find((playlist) => playlist.name === 'Kitchen Disco')!;
  expect(target.itemUris).not.toContain(uri);
  await page.getByRole('button', { name: 'Add to playlist' }).click();
  const picker = page.getByRole('region', { name: 'Add to playlist' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('heading', { name: 'Add to playlist' })).toBeFocused();
  await expectAccessibleInBothSchemes(page, 'add to playlist');
  await shoot(page, 'add-to-playlist');
  await picker.getByRole('button', { name: /^Add to Kitchen Disco/ }).click();
  await expect
    .poll(() => sim.player.playlists().find((playlist) => playlist.id === target.id)?.itemUris)
    .toContain(uri);
  await expect(picker).toBeHidden();
  await expect(page.getByTestId('announcer')).toContainText('to Kitchen Disco');
  await expect(page.getByRole('button', { name: 'Add to playlist' })).toBeFocused();
});

test('shuffle and repeat are set on Spotify', { tag: IN_ORDER }, async ({ page }) => {
  const { sim } = harness;
  const shuffle = page.getByRole('button', { name: 'Shuffle' });
  await expect(shuffle).toHaveAttribute('aria-pressed', 'false');
  await shuffle.click();
  await expect.poll(() => sim.player.snapshot().shuffle).toBe(true);
  await expect(shuffle).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Repeat: off' }).click();
  await expect.poll(() => sim.player.snapshot().repeat).toBe('context');
  await page.getByRole('button', { name: 'Repeat: all' }).click();
  await expect.poll(() => sim.player.snapshot().repeat).toBe('track');
  await page.getByRole('button', { name: 'Repeat: one track' }).click();
  await expect.poll(() => sim.player.snapshot().repeat).toBe('off');
  await expect(page.getByRole('button', { name: 'Repeat: off' })).toHaveAttribute('aria-pressed', 'false');
});

test('every icon button has a tooltip; shuffle and repeat say "on" by shape, not colour alone', async ({
  page,
}) => {
  const { sim } = harness;
  const player = page.getByTestId('now-playing');
  const iconButtons = player.locator('.icon-button');
  expect(await iconButtons.count()).toBeGreaterThanOrEqual(7);
  for (const button of await iconButtons.all()) {
    const name = (await button.getAttribute('aria-label')) ?? '';
    await expect(button, name).toHaveAttribute('title', /\S/);
  }
  await expect(page.getByRole('button', { name: 'Hide' })).toHaveAttribute('title', 'Hide (Esc)');

  // The "on" mark: a dot drawn under the icon (::after), there only when on; repeat-one has its own icon.
  const dot = (name: string) =>
    page.getByRole('button', { name, exact: true }).evaluate((el) => getComputedStyle(el, '::after').content);
  const shuffle = page.getByRole('button', { name: 'Shuffle' });
  await expect(shuffle).toHaveAttribute('title', 'Shuffle: off');
  expect(await dot('Shuffle')).toBe('none');
  await shuffle.click();
  await expect.poll(() => sim.player.snapshot().shuffle).toBe(true);
  await expect(shuffle).toHaveAttribute('title', 'Shuffle: on');
  await expect.poll(() => dot('Shuffle')).not.toBe('none');

  expect(await dot('Repeat: off')).toBe('none');
  await page.getByRole('button', { name: 'Repeat: off' }).click();
  await expect(page.getByRole('button', { name: 'Repeat: all' })).toHaveAttribute('data-icon', 'repeat-on');
  expect(await dot('Repeat: all')).not.toBe('none');
  await page.getByRole('button', { name: 'Repeat: all' }).click();
  const repeatOne = page.getByRole('button', { name: 'Repeat: one track' });
  await expect(repeatOne).toHaveAttribute('data-icon', 'repeat-one');
  expect(await dot('Repeat: one track')).not.toBe('none');
  await expect.poll(() => sim.player.snapshot().repeat).toBe('track');
  await shoot(page, 'shuffle-and-repeat-on');
});

test(
  'the mouse wheel over the volume slider or the artwork steps the volume',
  { tag: IN_ORDER },
  async ({ page }) => {
    const { sim } = harness;
    const volume = page.getByRole('slider', { name: 'Volume' });
    await volume.fill('50');
    await expect.poll(() => sim.player.snapshot().volumePercent).toBe(50);

    // One notch up over the slider: one step (5) louder; the panel does not scroll instead.
    await volume.hover();
    await page.mouse.wheel(0, -100);
    await expect.poll(() => sim.player.snapshot().volumePercent).toBe(55);
    await expect(volume).toHaveAttribute('aria-valuetext', '55%');
    // Over the artwork, two notches down: two steps, whatever order the requests settle in (coalesced).
    await page.getByTestId('art-frame').hover();
    await page.mouse.wheel(0, 100);
    await page.mouse.wheel(0, 100);
    await expect.poll(() => sim.player.snapshot().volumePercent).toBe(45);
    await expect(volume).toHaveAttribute('aria-valuetext', '45%');
    expect(await page.locator('main').evaluate((main) => main.scrollTop)).toBe(0);
  },
);

test('a device without volume control says so instead of a volume of 0', async ({ page }) => {
  const { sim } = harness;
  holdVanishingDevices(sim);
  const phone = sim.player.devices().find((device) => device.name === 'Pixel Phone')!;
  expect(phone.supportsVolume).toBe(false);
  sim.player.externalTransfer(phone.id);

  await expect(page.getByTestId('now-playing').getByText('On Pixel Phone')).toBeVisible();
  await expect(page.getByTestId('volume-unavailable')).toHaveText('Pixel Phone has no volume control here');
  await expect(page.getByRole('slider', { name: 'Volume' })).toHaveCount(0);
  // The wheel over the artwork changes nothing there.
  const volumeRequests = sim.requests.count({ method: 'PUT', path: '/v1/me/player/volume' });
  await page.getByTestId('art-frame').hover();
  await page.mouse.wheel(0, -100);
  await expect(page.getByTestId('volume-unavailable')).toBeVisible();
  expect(sim.requests.count({ method: 'PUT', path: '/v1/me/player/volume' })).toBe(volumeRequests);
  await expectAccessibleInBothSchemes(page, 'device without volume');
  await shoot(page, 'device-without-volume');
});

test('Devices: the realistic list; choosing another device moves playback there', async ({ page }) => {
  const { sim } = harness;
  const kitchen = sim.player.devices().find((device) => device.name === 'Kitchen Speaker')!;
  expect(sim.player.snapshot().deviceId).not.toBe(kitchen.id);
  // Here the exact list and the move to the speaker are the point.
  holdVanishingDevices(sim);

  await panelTab(page, 'Devices').click();
  const devices = page.getByRole('radiogroup', { name: 'Devices' });
  await expect(devices.getByRole('radio')).toHaveCount(5);
  await expect(devices.getByRole('radio', { name: 'Traytune Desktop' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  // Listed but not choosable, each saying why: the restricted TV, and the group Spotify gives no ID.
  for (const [name, why] of [
    ['Living Room TV', /can’t be controlled from here: Spotify restricts it/],
    ['Office Speaker Group', /can’t be controlled from here: Spotify gives apps no way to reach it/],
  ] as const) {
    const device = devices.getByRole('radio', { name });
    await expect(device).toHaveAttribute('aria-disabled', 'true');
    await expect(device).toHaveAccessibleDescription(why);
    // It looks different too: a lock where the check would be, a dashed outline.
    await expect(device).toHaveClass(/\brestricted\b/);
    await expect(device.locator('.check svg')).toHaveCount(1);
    await expect(device).toHaveCSS('border-top-style', 'dashed');
  }
  // "playing here" only while it plays: the seeded desktop is paused.
  await expect(devices.getByRole('radio', { name: 'Traytune Desktop' })).toHaveAccessibleDescription(
    'Computer · paused here',
  );
  for (const name of ['Kitchen Speaker', 'Pixel Phone']) {
    await expect(devices.getByRole('radio', { name })).not.toHaveAttribute('aria-disabled', 'true');
  }
  await devices.getByRole('radio', { name: 'Kitchen Speaker' }).click();

  await expect.poll(() => sim.player.snapshot().deviceId).toBe(kitchen.id);
  await expect(devices.getByRole('radio', { name: 'Kitchen Speaker' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect(page.getByTestId('announcer')).toHaveText('Playing on Kitchen Speaker');
  sim.player.externalResume();
  await expect(devices.getByRole('radio', { name: 'Kitchen Speaker' })).toHaveAccessibleDescription(
    'Speaker · playing here',
  );
  await shoot(page, 'devices');

  // The speaker's own volume is shown on Now playing.
  await panelTab(page, 'Now playing').click();
  await expect(page.getByTestId('now-playing').getByText('On Kitchen Speaker')).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Volume' })).toHaveAttribute('aria-valuetext', '40%');
});

test('Liked: a song is played from the list; more songs load on demand', async ({ page }) => {
  const { sim } = harness;
  await panelTab(page, 'Library').click();
  const songs = page.getByRole('list', { name: 'Liked Songs', exact: true }).getByRole('listitem');
  await expect(songs).toHaveCount(20);
  await expect(page.getByText('30 songs')).toBeVisible();

  // The third liked song that plays here (the realistic market rules make some unplayable: disabled).
  const liked = sim.player.likedUris();
  const playable: string[] = [];
  for (const [i, uri] of liked.slice(0, 20).entries()) {
    if ((await songs.nth(i).locator('.row-button').getAttribute('aria-disabled')) === null)
      playable.push(uri);
  }
  const target = playable[2]!;
  await songs
    .nth(liked.indexOf(target))
    .getByRole('button', { name: /^Play / })
    .click();
  await expect.poll(() => sim.player.snapshot().itemUri).toBe(target);
  await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);

  await page.getByRole('button', { name: 'Load more songs' }).click();
  await expect(songs).toHaveCount(30);
  await expect(page.getByRole('button', { name: 'Load more songs' })).toHaveCount(0);
});

test('Queue: shows what Spotify plays next', async ({ page }) => {
  const { sim } = harness;
  await panelTab(page, 'Queue').click();
  const upNext = page.getByRole('list', { name: 'Up next' });
  const expected = sim.player.snapshot().queue.slice(0, 3);
  expect(expected.length).toBeGreaterThan(0);
  for (const uri of expected) {
    await expect(upNext).toContainText(catalogueTrack(sim, uri).name);
  }

  // Something queued on the phone shows up after a refresh.
  const queued = sim.player.catalogue().at(-1)!;
  sim.player.externalQueue(queued.uri);
  await page.getByRole('button', { name: 'Refresh queue' }).click();
  await expect(upNext.getByRole('listitem').first()).toContainText(queued.name);
});

test('changes made on another device show up without a click', async ({ page }) => {
  const { sim } = harness;
  const track = sim.player.catalogue()[10]!;
  sim.player.externalPlay({ uris: [track.uri] });
  await expect(page.getByTestId('track-title')).toHaveText(track.name);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();

  sim.player.externalVolume(70);
  await expect(page.getByRole('slider', { name: 'Volume' })).toHaveAttribute('aria-valuetext', '70%');
  sim.player.externalPause();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

// Every panel's axe scan (light and dark) and screenshots, at both window sizes: gallery.spec.ts.
