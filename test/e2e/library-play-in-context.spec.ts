/**
 * The Library panel end to end on the realistic simulator: Liked Songs plays as a context (Next goes on
 * within it), a playlist plays from any of its rows, adding to a playlist warns about a duplicate, and
 * every view passes axe in light and dark. Every play is checked in the simulator's state.
 */
import { expect, test, type Page } from '@playwright/test';
import { SEED_USER_ID } from '../../dev/simulator/index.ts';
import { expectAccessibleInBothSchemes, shoot } from './support/artifacts.ts';
import { catalogueTrack, signedInHarness, type SimHarness } from './support/harness.ts';
import { libraryTab, panelTab } from './support/panels.ts';

let harness: SimHarness | undefined;

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The rows of a list (by its accessible name). */
function rows(page: Page, list: string) {
  return page.getByRole('list', { name: list, exact: true }).getByRole('listitem');
}

const LIKED_CONTEXT = `spotify:user:${SEED_USER_ID}:collection`;

test('a Liked song plays in Liked Songs: Next goes on to the next liked song', async ({ page }) => {
  harness = await signedInHarness(page);
  const { sim } = harness;
  await panelTab(page, 'Library').click();
  await expect(libraryTab(page, 'Liked')).toHaveAttribute('aria-selected', 'true');
  const liked = rows(page, 'Liked Songs');
  await expect(liked).toHaveCount(20);

  const likedUris = sim.player.likedUris();
  // The first liked song that plays here and whose follower plays too (the realistic market rules make
  // some unplayable: they are shown disabled, and Spotify skips them).
  const playable = await Promise.all(
    likedUris
      .slice(0, 20)
      .map(
        async (_, i) => (await liked.nth(i).locator('.row-button').getAttribute('aria-disabled')) === null,
      ),
  );
  const start = playable.findIndex((ok, i) => i >= 1 && ok && playable[i + 1] === true);
  expect(start).toBeGreaterThan(0);

  await liked
    .nth(start)
    .getByRole('button', { name: /^Play / })
    .click();
  await expect.poll(() => sim.player.snapshot().itemUri).toBe(likedUris[start]);
  expect(sim.player.snapshot().contextUri).toBe(LIKED_CONTEXT);
  await expect(liked.nth(start).locator('.row-button')).toHaveAttribute('aria-current', 'true');

  // Next: the following liked song, still in the Liked Songs context (not an empty queue, not grey).
  await panelTab(page, 'Now playing').click();
  const next = page.getByRole('button', { name: 'Next track' });
  await expect(page.getByTestId('track-title')).toHaveText(catalogueTrack(sim, likedUris[start]!).name);
  await expect(next).toBeEnabled();
  await next.click();
  await expect.poll(() => sim.player.snapshot().itemUri).toBe(likedUris[start + 1]);
  expect(sim.player.snapshot().contextUri).toBe(LIKED_CONTEXT);
});

test('a playlist lists its items and plays from its third track; Play plays it all', async ({ page }) => {
  harness = await signedInHarness(page);
  const { sim } = harness;
  const morning = sim.player.playlists().find((p) => p.name === 'Morning Commute')!;
  const playlistUri = `spotify:playlist:${morning.id}`;

  await panelTab(page, 'Library').click();
  await libraryTab(page, 'Playlists').click();
  const playlists = page.getByTestId('library-playlists');
  // The user's own and the followed ones, each with its count.
  await expect(playlists.getByRole('button', { name: /^Open Morning Commute/ })).toContainText(
    `${morning.itemUris.length} songs`,
  );
  await expect(playlists.getByRole('button', { name: /^Open Nordic Chill/ })).toContainText('Spotify');
  await shoot(page, 'panel-library-playlists');
  await playlists.getByRole('button', { name: /^Open Morning Commute/ }).click();

  const view = page.getByTestId('playlist-view');
  await expect(view.getByRole('heading', { name: 'Morning Commute' })).toBeFocused();
  const items = rows(page, 'Morning Commute');
  await expect(items).toHaveCount(morning.itemUris.length);
  // The realistic seed's episode and local file: said in the row.
  await expect(items.nth(8)).toContainText('Harbour Lights (Demo)');
  await shoot(page, 'panel-playlist-view');

  const third = morning.itemUris[2]!;
  await items
    .nth(2)
    .getByRole('button', { name: /^Play / })
    .click();
  await expect.poll(() => sim.player.snapshot().itemUri).toBe(third);
  expect(sim.player.snapshot().contextUri).toBe(playlistUri);
  expect(sim.player.snapshot().isPlaying).toBe(true);
  // Play: the whole playlist, from its start (the realistic seed has shuffle off).
  await view.getByRole('button', { name: 'Play Morning Commute' }).click();
  await expect.poll(() => sim.player.snapshot().itemUri).toBe(morning.itemUris[0]);
  expect(sim.player.snapshot().contextUri).toBe(playlistUri);

  // Back returns to the list, on the row that opened it.
  await view.getByRole('button', { name: '‹ Back' }).click();
  await expect(playlists.getByRole('button', { name: /^Open Morning Commute/ })).toBeFocused();
});

test('add to playlist: "Already in …" before a duplicate; Add anyway adds a second copy', async ({
  page,
}) => {
  harness = await signedInHarness(page);
  const { sim } = harness;
  const road = () => sim.player.playlists().find((p) => p.name.startsWith('Road Trip'))!;
  const uri = road().itemUris[0]!;
  const name = catalogueTrack(sim, uri).name;
  const copies = () => road().itemUris.filter((item) => item === uri).length;
  expect(copies()).toBe(1);

  await panelTab(page, 'Library').click();
  await libraryTab(page, 'Playlists').click();
  await page.getByRole('button', { name: /^Open Road Trip/ }).click();
  const first = rows(page, 'Road Trip (shared)').first();
  await first.hover();
  await first.getByRole('button', { name: 'Add to playlist' }).click();

  const picker = page.getByRole('region', { name: 'Add to playlist' });
  await expect(picker.getByRole('heading', { name: 'Add to playlist' })).toBeFocused();
  await expect(picker).toBeInViewport();
  // Only playlists the user can add to: not the followed ones.
  await expect(picker.getByRole('button', { name: /^Add to Nordic Chill/ })).toHaveCount(0);
  await picker.getByRole('button', { name: /^Add to Road Trip/ }).click();

  const warning = picker.getByTestId('duplicate-warning');
  await expect(warning).toContainText('Already in Road Trip (shared)');
  await expect(picker.getByRole('button', { name: 'Add anyway' })).toBeFocused();
  expect(copies()).toBe(1);
  await shoot(page, 'add-to-playlist-duplicate');

  // Cancel adds nothing; then Add anyway does.
  await picker.getByRole('button', { name: 'Cancel' }).click();
  await expect(warning).toBeHidden();
  await picker.getByRole('button', { name: /^Add to Road Trip/ }).click();
  await picker.getByRole('button', { name: 'Add anyway' }).click();
  await expect.poll(copies).toBe(2);
  await expect(picker).toBeHidden();
  await expect(page.getByTestId('toast')).toHaveText(`Added “${name}” to Road Trip (shared)`);
  await expect(page.getByTestId('announcer')).toHaveText(`Added “${name}” to Road Trip (shared)`);
});

test('row actions menu: like, copy the link, open in Spotify; Escape gives the focus back', async ({
  page,
}) => {
  harness = await signedInHarness(page);
  const { sim } = harness;
  await panelTab(page, 'Library').click();
  await libraryTab(page, 'Albums').click();
  const albums = page.getByTestId('library-albums');
  const firstAlbum = albums.getByRole('button', { name: /^Open / }).first();
  await expect(firstAlbum).toBeVisible();
  await shoot(page, 'panel-library-albums');
  await firstAlbum.click();
  const view = page.getByTestId('album-view');
  await expect(view.getByRole('list')).toBeVisible();
  await shoot(page, 'panel-album-view');

  const row = view.getByRole('listitem').first();
  const title = (await row.locator('.row-title').textContent())!.replace(/^Play /, '');
  const track = sim.player.catalogue().find((entry) => entry.name === title)!;
  const wasLiked = sim.player.likedUris().includes(track.uri);

  await row.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: `Actions for “${title}”` });
  await expect(menu.getByRole('menuitem', { name: 'Play', exact: true })).toBeFocused();
  await expect(menu.getByRole('menuitem', { name: wasLiked ? 'Unlike' : 'Like', exact: true })).toBeVisible();
  await shoot(page, 'row-menu');
  await menu.getByRole('menuitem', { name: wasLiked ? 'Unlike' : 'Like', exact: true }).click();
  await expect.poll(() => sim.player.likedUris().includes(track.uri)).toBe(!wasLiked);
  await expect(page.getByTestId('toast')).toContainText(wasLiked ? 'Removed' : 'Added');

  await row.getByRole('button', { name: 'More actions' }).click();
  const opened = harness.nextOpened();
  await menu.getByRole('menuitem', { name: 'Open in Spotify' }).click();
  expect(await opened).toBe(`https://open.spotify.com/track/${track.uri.split(':')[2]}`);

  await row.getByRole('button', { name: 'More actions' }).click();
  await menu.getByRole('menuitem', { name: 'Copy song link' }).click();
  await expect
    .poll(() => harness!.desktop.copied.at(-1))
    .toBe(`https://open.spotify.com/track/${track.uri.split(':')[2]}`);
  await expect(page.getByTestId('toast')).toHaveText('Link copied');

  await row.getByRole('button', { name: 'More actions' }).click();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Add to queue' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(row.getByRole('button', { name: /^Play / })).toBeFocused();
  // The Escape stayed with the menu: the window was not hidden.
  expect(harness.desktop.calls).not.toContain('hideMiniPlayer');
});

test('every Library view passes axe in light and dark', async ({ page }) => {
  test.setTimeout(240_000); // a dozen scans
  harness = await signedInHarness(page);
  await panelTab(page, 'Library').click();
  for (const [name, testId] of [
    ['Liked', 'library-liked'],
    ['Playlists', 'library-playlists'],
    ['Albums', 'library-albums'],
    ['Recent', 'library-recent'],
  ] as const) {
    await libraryTab(page, name).click();
    await expect(page.getByTestId(testId).getByRole('listitem').first()).toBeVisible();
    await expectAccessibleInBothSchemes(page, `Library › ${name}`);
    await shoot(page, `panel-${testId}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, `panel-${testId}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await libraryTab(page, 'Playlists').click();
  await page.getByRole('button', { name: /^Open Morning Commute/ }).click();
  await expect(page.getByTestId('playlist-view').getByRole('listitem').first()).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'an open playlist');
  // A row's menu and the picker, open.
  const row = page.getByTestId('playlist-view').getByRole('listitem').first();
  await row.getByRole('button', { name: 'More actions' }).click();
  await expectAccessibleInBothSchemes(page, 'a row menu');
  await page.keyboard.press('Escape');
  await row.hover();
  await row.getByRole('button', { name: 'Add to playlist' }).click();
  await expect(
    page.getByRole('region', { name: 'Add to playlist' }).getByRole('listitem').first(),
  ).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'the playlist picker on a row');

  await libraryTab(page, 'Albums').click();
  await page
    .getByTestId('library-albums')
    .getByRole('button', { name: /^Open / })
    .first()
    .click();
  await expect(page.getByTestId('album-view').getByRole('listitem').first()).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'an open album');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'panel-album-view-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await panelTab(page, 'Queue').click();
  await expect(page.getByRole('list', { name: 'Up next' }).getByRole('listitem').first()).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'the Queue panel');
  await shoot(page, 'panel-queue');
});

test('Now playing’s Add to playlist warns about a duplicate too', async ({ page }) => {
  harness = await signedInHarness(page);
  const { sim } = harness;
  // The seed plays the first item of "Morning Commute": adding it there is a duplicate.
  const morning = () => sim.player.playlists().find((p) => p.name === 'Morning Commute')!;
  const uri = sim.player.snapshot().itemUri!;
  expect(morning().itemUris[0]).toBe(uri);
  await page.getByRole('button', { name: 'Add to playlist' }).click();
  const picker = page.getByRole('region', { name: 'Add to playlist' });
  await picker.getByRole('button', { name: /^Add to Morning Commute/ }).click();
  await expect(picker.getByTestId('duplicate-warning')).toContainText('Already in Morning Commute');
  await picker.getByRole('button', { name: 'Add anyway' }).click();
  await expect.poll(() => morning().itemUris.filter((item) => item === uri).length).toBe(2);
  await expect(page.getByTestId('toast')).toContainText('to Morning Commute');
});

test('the Library and Search panels fit the 320 px window without sideways scrolling', async ({ page }) => {
  harness = await signedInHarness(page);
  await page.setViewportSize({ width: 320, height: 480 });
  const overflowsSideways = () =>
    page.evaluate(() => {
      const main = document.querySelector('main')!;
      return document.documentElement.scrollWidth > window.innerWidth || main.scrollWidth > main.clientWidth;
    });
  // The six tabs fit.
  const tabs = page.getByRole('tablist', { name: 'Panels' });
  expect(await tabs.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  for (const name of ['Liked', 'Playlists', 'Albums', 'Recent']) {
    await panelTab(page, 'Library').click();
    await libraryTab(page, name).click();
    await expect(page.getByRole('tabpanel').getByRole('listitem').first()).toBeVisible();
    await page.getByRole('tabpanel').getByRole('listitem').first().hover();
    expect(await overflowsSideways(), `Library › ${name}`).toBe(false);
  }
  await panelTab(page, 'Search').click();
  await page.getByRole('searchbox', { name: 'Search Spotify' }).fill('the');
  await expect(page.getByRole('list', { name: 'Songs', exact: true })).toBeVisible();
  expect(await overflowsSideways(), 'Search').toBe(false);
  await shoot(page, 'layout-320x480-search');
});
