/** Keyboard-only driving: focus moves with Tab / Shift+Tab only, never with a click or `focus()`. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Whether `target` is the focused element. */
function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would; fails when it is not
 * reached within `maxPresses` (it is not in the tab order, or focus got trapped).
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { backwards?: boolean; maxPresses?: number } = {},
): Promise<void> {
  const key = options.backwards === true ? 'Shift+Tab' : 'Tab';
  const max = options.maxPresses ?? 40;
  await expect(target).toBeVisible();
  for (let presses = 0; presses < max; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  await expect(target, `reached with ${max} × ${key}`).toBeFocused({ timeout: 1 });
}
