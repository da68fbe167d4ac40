import type { Simulator } from '../../dev/simulator/index.ts';
import type { AuthSession } from '../../src/main/auth/session.ts';
import type { Clock } from '../../src/main/util/clock.ts';
import { signInToSimulator } from '../../test/support/simulator-session.ts';

/** The benchmarks' signed-in session on the simulator (the same sign-in the tests use). */
export async function signIn(sim: Simulator, clock?: Clock): Promise<AuthSession> {
  return (await signInToSimulator(sim, clock === undefined ? {} : { clock })).session;
}
