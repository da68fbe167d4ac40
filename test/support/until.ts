/**
 * Polls a condition until it holds (anything but null, undefined or false) or a bound passes, then throws
 * saying what never happened; resolves with what the check returned. Waits for events, never asserts on
 * time: the bound only keeps a broken run from hanging.
 */
export async function until<T>(
  what: string,
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  boundMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
