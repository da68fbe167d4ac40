import type { Locator, Page } from '@playwright/test';

/** The mini-player's panel tab called `name` ("Now playing", "Library", "Search", "Queue"). */
export function panelTab(page: Page, name: string): Locator {
  return page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name });
}

/** The Library panel's tab called `name` ("Liked", "Playlists", "Albums", …). */
export function libraryTab(page: Page, name: string): Locator {
  return page.getByRole('tablist', { name: 'Library' }).getByRole('tab', { name });
}
