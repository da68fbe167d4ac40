/**
 * Whether the tests that need a real D-Bus session bus run. dev/scripts/with-keyring.sh starts a private
 * bus and sets TRAYTUNE_TEST_DBUS=1 on it; only then do they run, since they claim
 * `org.mpris.MediaPlayer2.spotify` and would clash with (and see) a developer's own Spotify on their
 * desktop bus. Otherwise they are skipped with the reason printed. Under CI=true on Linux they never skip:
 * they fail. macOS and Windows have no session bus to follow a player on (the app uses AppleScript there,
 * or nothing), so their CI jobs skip them like a developer's machine does.
 */
const privateBus =
  process.env['TRAYTUNE_TEST_DBUS'] === '1' && (process.env['DBUS_SESSION_BUS_ADDRESS'] ?? '') !== '';
const ci = process.env['CI'] === 'true' && process.platform === 'linux';

const busReason =
  process.env['TRAYTUNE_TEST_DBUS'] === '1'
    ? 'DBUS_SESSION_BUS_ADDRESS is not set'
    : 'not run through dev/scripts/with-keyring.sh, so no private D-Bus session bus is there';

export const skipDbusTests = !privateBus && !ci;

/** Under CI=true without a private bus: throws, so the run fails loudly instead of skipping. */
export function requireDbus(): void {
  if (privateBus) return;
  if (ci) throw new Error(`CI=true: the D-Bus tests must run, but ${busReason}.`);
}

export function noteSkippedDbusSuite(suite: string): void {
  if (skipDbusTests) console.warn(`[d-bus] skipping "${suite}": ${busReason}.`);
}
