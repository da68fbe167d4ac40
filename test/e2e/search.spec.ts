/**
 * Search end to end on the realistic simulator: one box for songs, albums, playlists and artists; an
 * album plays as a context; a song is queued and shows in the Queue panel; the whole path by keyboard
 * (Ctrl+F, type, ↓, the Menu key, Enter). Every effect is checked in the simulator's state.
 */
import { expect, test } from '@playwright/test';
import { CATALOGUE } from '../../dev/simulator/catalogue.ts';
import { expectAccessibleInBothSchemes, shoot } from './support/artifacts.ts';
import { IN_ORDER, optionsForTags, signedInHarness, type SimHarness } from './support/harness.ts';
import { panelTab } from './support/panels.ts';

let harness: SimHarness | undefined;

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const searches = (h: SimHarness): number => h.sim.requests.count({ method: 'GET', path: '/v1/search' });

const ALBUM = CATALOGUE.albums.find((album) => album.name === 'Paper Satellites')!;

test('search and play an album; artists play as a context; no search for a blank or unchanged query', async ({
  page,
}) => {
  harness = await signedInHarness(page);
  const { sim } = harness;
  await panelTab(page, 'Search').click();
  const box = page.getByRole('searchbox', { name: 'Search Spotify' });
  await expect(page.getByTestId('search-panel')).toContainText('Find songs, albums, playlists and artists');

  // Blank: nothing is sent, even on Enter.
  const before = searches(harness);
  await box.fill('   ');
  await box.press('Enter');
  await box.fill('Paper Satellites');
  const albums = page.getByRole('list', { name: 'Albums', exact: true });
  await expect(albums.getByRole('button', { name: /^Open Paper Satellites/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Songs', exact: true })).toContainText('Paper Satellites');
  expect(searches(harness)).toBe(before + 1);
  await shoot(page, 'panel-search');

  // The same query again (spaces around it, Enter): no second request; then a new one is sent.
  await box.fill(' Paper Satellites ');
  await box.press('Enter');
  await box.fill('Juniper Vale');
  const artists = page.getByRole('list', { name: 'Artists', exact: true });
  await expect(artists.getByRole('button', { name: 'Play Juniper Vale' })).toBeVisible();
  expect(searches(harness)).toBe(before + 2);

  // The artist plays as an artist context, without an offset.
  await artists.getByRole('button', { name: 'Play Juniper Vale' }).click();
  const artistUri = CATALOGUE.artists.find((artist) => artist.name === 'Juniper Vale')!.uri;
  await expect.poll(() => sim.player.snapshot().contextUri).toBe(artistUri);

  // Back to the album: Play plays it as a context from its first track.
  await box.fill('Paper Satellites');
  await albums.getByRole('button', { name: 'Play Paper Satellites' }).click();
  await expect.poll(() => sim.player.snapshot().contextUri).toBe(ALBUM.uri);
  expect(sim.player.snapshot().itemUri).toBe(ALBUM.trackUris[0]);
  expect(sim.player.snapshot().isPlaying).toBe(true);

  // Opening it lists its tracks; one plays in the album from itself.
  await albums.getByRole('button', { name: /^Open Paper Satellites/ }).click();
  const view = page.getByTestId('album-view');
  await expect(view.getByRole('heading', { name: 'Paper Satellites' })).toBeFocused();
  await view
    .getByRole('listitem')
    .nth(2)
    .getByRole('button', { name: /^Play / })
    .click();
  await expect.poll(() => sim.player.snapshot().itemUri).toBe(ALBUM.trackUris[2]);
  expect(sim.player.snapshot().contextUri).toBe(ALBUM.uri);
  await view.getByRole('button', { name: '‹ Back' }).click();
  await expect(albums.getByRole('button', { name: /^Open Paper Satellites/ })).toBeFocused();
});

test('a song from search is queued and shows in the Queue panel', async ({ page }) => {
  harness = await signedInHarness(page);
  const { sim } = harness;
  const track = CATALOGUE.tracks.find((entry) => entry.name === 'Kites Over Greyfield')!;
  await panelTab(page, 'Search').click();
  await page.getByRole('searchbox', { name: 'Search Spotify' }).fill('Kites Over Greyfield');
  const row = page.getByRole('list', { name: 'Songs', exact: true }).getByRole('listitem').first();
  await expect(row).toContainText('Kites Over Greyfield');
  await row.hover();
  await row.getByRole('button', { name: 'Add to queue' }).click();
  await expect.poll(() => sim.player.snapshot().userQueue).toContain(track.uri);
  await expect(page.getByTestId('toast')).toHaveText('Added “Kites Over Greyfield” to the queue');
  await expect(page.getByTestId('announcer')).toHaveText('Added “Kites Over Greyfield” to the queue');

  await panelTab(page, 'Queue').click();
  await expect(page.getByRole('list', { name: 'Up next' }).getByRole('listitem').first()).toContainText(
    'Kites Over Greyfield',
  );
});

test(
  'keyboard only: Ctrl+F, type, ↓ to a song, the Menu key → Add to queue, Enter plays',
  // Add to queue then play in quick succession: the point is the keys, not Spotify's reordering.
  { tag: IN_ORDER },
  async ({ page }, testInfo) => {
    harness = await signedInHarness(page, optionsForTags(testInfo.tags));
    const { sim } = harness;
    const first = CATALOGUE.tracks.find((entry) => entry.name === 'Slow Orbit')!;

    // From Now playing: Ctrl+F switches to Search with the box focused.
    await page.keyboard.press('Control+f');
    const box = page.getByRole('searchbox', { name: 'Search Spotify' });
    await expect(box).toBeFocused();
    await expect(panelTab(page, 'Search')).toHaveAttribute('aria-selected', 'true');
    // Letters typed there are the box's, not the window's keys (N would skip, S shuffle…).
    const played = sim.player.snapshot().itemUri;
    await page.keyboard.type('Slow Orbit');
    const songs = page.getByRole('list', { name: 'Songs', exact: true });
    await expect(songs.getByRole('listitem').first()).toContainText('Slow Orbit');
    expect(sim.player.snapshot().itemUri).toBe(played);
    expect(sim.player.snapshot().shuffle).toBe(false);

    // ↓ goes to the first result; ↓/↑ move between rows, never the volume.
    const volume = sim.player.snapshot().volumePercent;
    await page.keyboard.press('ArrowDown');
    const firstRow = songs
      .getByRole('listitem')
      .first()
      .getByRole('button', { name: /^Play Slow Orbit/ });
    await expect(firstRow).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(firstRow).toBeFocused();
    expect(sim.player.snapshot().volumePercent).toBe(volume);

    // The Menu key opens the row's actions; ↓ Enter on "Add to queue".
    await page.keyboard.press('ContextMenu');
    const menu = page.getByRole('menu', { name: 'Actions for “Slow Orbit”' });
    await expect(menu.getByRole('menuitem', { name: 'Play', exact: true })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Add to queue' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => sim.player.snapshot().userQueue).toContain(first.uri);
    await expect(menu).toBeHidden();
    await expect(firstRow).toBeFocused();

    // Shift+F10 opens it too; Escape closes it, the focus back on the row.
    await page.keyboard.press('Shift+F10');
    await expect(menu).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(firstRow).toBeFocused();

    // Enter plays the song.
    await page.keyboard.press('Enter');
    await expect.poll(() => sim.player.snapshot().itemUri).toBe(first.uri);
    await expect.poll(() => sim.player.snapshot().isPlaying).toBe(true);
    await shoot(page, 'keyboard-search');
  },
);

test('the Search panel passes axe in light and dark, empty and with results', async ({ page }) => {
  test.setTimeout(120_000);
  harness = await signedInHarness(page);
  await panelTab(page, 'Search').click();
  await expectAccessibleInBothSchemes(page, 'Search, empty');
  await page.getByRole('searchbox', { name: 'Search Spotify' }).fill('the');
  await expect(page.getByRole('list', { name: 'Songs', exact: true })).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'Search, with results');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'panel-search-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('searchbox', { name: 'Search Spotify' }).fill('zzzz nothing');
  await expect(page.getByTestId('search-panel')).toContainText('No results for “zzzz nothing”.');
  await shoot(page, 'panel-search-empty');
});
