/**
 * Suites that need parts only a Linux machine has here (D-Bus and gnome-keyring, secret-tool, the
 * placeholder Electron for Linux and its tools). On macOS and Windows (the CI's unit-test runners) they
 * are skipped, and the reason is printed so a skip is never silent.
 */
const onLinux = process.platform === 'linux';

/** True when `suite` must be skipped on this OS; prints why. For `describe.skipIf(...)`. */
export function skipUnlessLinux(suite: string, needs: string): boolean {
  if (!onLinux) console.warn(`[linux-only] skipping "${suite}" on ${process.platform}: it needs ${needs}.`);
  return !onLinux;
}
