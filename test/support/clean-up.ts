/**
 * Runs every cleanup step in order, each even when an earlier one threw (a fake player must still give
 * up its bus name when the app failed to close), then throws the first failure.
 */
export async function cleanUp(...steps: readonly (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}
