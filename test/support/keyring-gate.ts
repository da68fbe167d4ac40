/**
 * Whether the tests that need a real OS keychain run. TRAYTUNE_TEST_KEYRING=1 says a keychain they may
 * write to is there: on Linux dev/scripts/with-keyring.sh sets it (a private, unlocked gnome-keyring);
 * on macOS and Windows it is this account's own keychain (the login keychain, the Credential Manager),
 * so only a throw-away account such as a CI runner sets it. Otherwise they are skipped with the reason
 * printed, so a developer's own keyring is never touched. Under CI=true they never skip: they fail.
 */
const keychainAllowed = process.env['TRAYTUNE_TEST_KEYRING'] === '1';
const ci = process.env['CI'] === 'true';

const defaultReason =
  process.platform === 'linux'
    ? 'not run through dev/scripts/with-keyring.sh, so no private Secret Service is reachable'
    : `on ${process.platform} they would use this account's own keychain; set TRAYTUNE_TEST_KEYRING=1 to allow it`;

const keyringReason = keychainAllowed ? '' : (process.env['TRAYTUNE_TEST_KEYRING_REASON'] ?? defaultReason);

export const skipKeyringTests = !keychainAllowed && !ci;

/** Under CI=true without a keychain: throws, so the run fails loudly instead of skipping. */
export function requireKeyring(): void {
  if (keychainAllowed) return;
  if (ci) throw new Error(`CI=true: the keychain tests must run, but ${keyringReason}.`);
}

export function noteSkippedKeyringSuite(suite: string): void {
  if (skipKeyringTests) console.warn(`[keychain] skipping "${suite}": ${keyringReason}.`);
}
