/**
 * Whether the tests that need a real Secret Service run. They run inside dev/scripts/with-keyring.sh
 * (TRAYTUNE_TEST_KEYRING=1: a private, unlocked gnome-keyring); otherwise they are skipped with the reason
 * printed, so a developer's own keyring is never touched. Under CI=true they never skip: they fail.
 */
const insideWrapper = process.env['TRAYTUNE_TEST_KEYRING'] === '1';
const ci = process.env['CI'] === 'true';

export const keyringReason = insideWrapper
  ? ''
  : (process.env['TRAYTUNE_TEST_KEYRING_REASON'] ??
    'not run through dev/scripts/with-keyring.sh, so no private Secret Service is reachable');

export const skipKeyringTests = !insideWrapper && !ci;

/** Under CI=true outside the wrapper: throws, so the run fails loudly instead of skipping. */
export function requireKeyring(): void {
  if (insideWrapper) return;
  if (ci) throw new Error(`CI=true: the keychain tests must run, but ${keyringReason}.`);
}

export function noteSkippedKeyringSuite(suite: string): void {
  if (skipKeyringTests) console.warn(`[keychain] skipping "${suite}": ${keyringReason}.`);
}
