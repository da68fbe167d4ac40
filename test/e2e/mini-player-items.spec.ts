/**
 * Items that are not plain tracks, end to end on the realistic simulator: an ad (after every track here)
 * and a podcast episode. What Spotify disallows is disabled before the press, with the reason as the
 * control's description.
 */
import { expect, test } from '@playwright/test';
import { catalogueTrack, signedInHarness, type SimHarness } from './support/harness.ts';

let harness: SimHarness | undefined;

test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

test('an ad: "Advertisement", no cover, no Like or add, no seek or skip, each saying why', async ({
  page,
}) => {
  harness = await signedInHarness(page, { simulator: { realism: { content: { adEveryTracks: 1 } } } });
  const { sim } = harness;
  const track = catalogueTrack(sim, sim.player.snapshot().itemUri);
  // The track plays out by itself (an ad comes only after a track that ended on its own).
  sim.player.externalResume();
  sim.player.externalSeek(track.durationMs - 1_500);

  await expect(page.getByTestId('track-title')).toHaveText('Advertisement', { timeout: 15_000 });
  expect(sim.player.snapshot().itemUri).toBeNull();
  await expect(page.getByTestId('track-info')).toHaveAttribute('data-kind', 'ad');
  await expect(page.getByTestId('now-playing').locator('img.art')).toHaveCount(0);

  const like = page.getByRole('button', { name: 'Like' });
  await expect(like).toBeDisabled();
  await expect(like).toHaveAttribute('title', 'Ads cannot be liked.');
  const add = page.getByRole('button', { name: 'Add to playlist' });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAttribute('title', 'Ads cannot be added to a playlist.');
  const seek = page.getByRole('slider', { name: 'Seek' });
  await expect(seek).toBeDisabled();
  await expect(seek).toHaveAttribute('aria-description', /during an ad/);
  for (const name of ['Next track', 'Previous track', 'Shuffle']) {
    const button = page.getByRole('button', { name });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', /^Spotify does not allow .+ during an ad\.$/);
  }
  // An ad can be paused.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
});

test('an episode: the show where a track shows artists; shuffle off for it, saying why', async ({ page }) => {
  harness = await signedInHarness(page);
  const { sim } = harness;
  const episode = sim.player
    .playlists()
    .flatMap((p) => p.itemUris)
    .find((uri) => uri.startsWith('spotify:episode:'));
  expect(episode).toBeDefined();
  sim.player.externalPlay({ uris: [episode!] });

  // The mini-player's interval read (fast in these tests) brings it.
  const info = page.getByTestId('track-info');
  await expect(info).toHaveAttribute('data-kind', 'episode', { timeout: 15_000 });
  await expect(page.getByTestId('track-artists')).toHaveText('The Pocket Almanac');
  const shuffle = page.getByRole('button', { name: 'Shuffle' });
  await expect(shuffle).toBeDisabled();
  await expect(shuffle).toHaveAttribute('title', 'Spotify does not allow changing shuffle for this episode.');
  await expect(page.getByRole('button', { name: 'Like' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Add to playlist' })).toBeEnabled();
});
