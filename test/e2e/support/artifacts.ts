/** Screenshots of each state (kept as test artifacts) and the axe scan. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Where the state screenshots go (next to Playwright's own output in test-results/). */
const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

/**
 * Saves a full-page PNG of the current state as test-results/screenshots/<name>.png and attaches it to
 * the test's report. Waits for the UI to settle first (nothing pending, no busy region) unless the state
 * is a busy one itself (`settle: false`, e.g. "signing in").
 */
export async function shoot(page: Page, name: string, options: { settle?: boolean } = {}): Promise<string> {
  if (options.settle !== false) await settle(page);
  await page.mouse.move(0, 0); // no hover highlight on the last control clicked
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // The window keeps its header and scrolls <main>, so a "full page" shot would cut the panel off: the
  // viewport grows to the whole panel for the shot, then goes back.
  const viewport = page.viewportSize();
  const needed = await page.evaluate(() => {
    const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
    return Math.ceil(header + (document.querySelector('main')?.scrollHeight ?? 0));
  });
  const grow = viewport !== null && needed > viewport.height;
  if (grow) await page.setViewportSize({ width: viewport.width, height: Math.min(needed, 2_000) });
  try {
    const body = await page.screenshot({ path, animations: 'disabled' });
    await test.info().attach(`${name}.png`, { body, contentType: 'image/png' });
  } finally {
    if (grow) await page.setViewportSize(viewport);
  }
  return path;
}

/** Waits until the renderer has nothing loading or in flight (no aria-busy anywhere, data loaded). */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

type ColorScheme = 'light' | 'dark';

/** What the axe scan checks: WCAG 2.x A and AA, and axe's best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/** The rules a colour scheme can change (the rest depend on the DOM alone, which is the same in both). */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

export interface AxeOptions {
  /** false: scan a state that is busy by nature (e.g. "signing in") without waiting for it to settle. */
  readonly settle?: boolean;
}

/**
 * The axe scan of the page as it is now, in the given colour scheme (`rules`: only these). Fails with the
 * violations listed (rule, impact, the offending elements) when there are any.
 */
async function expectNoAxeViolations(
  page: Page,
  label: string,
  colorScheme?: ColorScheme,
  rules?: readonly string[],
  options: AxeOptions = {},
): Promise<void> {
  if (colorScheme !== undefined) await page.emulateMedia({ colorScheme });
  if (options.settle !== false) await settle(page);
  else await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true');
  const builder = new AxeBuilder({ page });
  const results = await (
    rules === undefined ? builder.withTags(AXE_TAGS) : builder.withRules([...rules])
  ).analyze();
  const summary = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
  }));
  expect(summary, `axe violations on ${label}${colorScheme ? ` (${colorScheme})` : ''}`).toEqual([]);
}

/**
 * The axe scan in light and in dark: every rule in light; in dark, the rules colours can break (the DOM
 * is the same, so the others would only repeat themselves). Leaves the page in light.
 */
export async function expectAccessibleInBothSchemes(
  page: Page,
  label: string,
  options: AxeOptions = {},
): Promise<void> {
  await expectNoAxeViolations(page, label, 'dark', COLOUR_RULES, options);
  await expectNoAxeViolations(page, label, 'light', undefined, options);
}
