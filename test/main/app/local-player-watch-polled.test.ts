/**
 * LocalPlayerWatch over a polled player (macOS: AppleScript, here with osascript's answers given by hand
 * and the polls moved by hand): a position that only moves on with the song is no news, a jump is; and a
 * port that opens after the start stopped waiting for it is still followed.
 */
import { afterEach, expect, it } from 'vitest';
import { LocalPlayerWatch } from '../../../src/main/app/local/local-player-watch.ts';
import { AppleScriptLocalPlayer, type PollScheduler } from '../../../src/main/local-player/applescript.ts';
import { stateRecord } from '../local-player/applescript-record.ts';

let watch: LocalPlayerWatch | undefined;
afterEach(async () => {
  await watch?.dispose();
  watch = undefined;
});

/** Lets the runner's answers and the poll's continuation run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

it('passes on a polled player’s position only when it jumps, and says nothing for the seconds between', async () => {
  let reading = stateRecord({ positionSeconds: '12.5' });
  let nextPoll: (() => void) | null = null;
  const scheduler: PollScheduler = {
    after: (_ms, run) => {
      nextPoll = run;
      return () => (nextPoll = null);
    },
  };
  const poll = async (seconds: string, fields: Parameters<typeof stateRecord>[0] = {}) => {
    reading = stateRecord({ positionSeconds: seconds, ...fields });
    const run = nextPoll;
    if (run === null) throw new Error('no poll is scheduled');
    run();
    await settle();
  };
  const player = new AppleScriptLocalPlayer({ run: () => Promise.resolve(reading), scheduler });
  watch = new LocalPlayerWatch();
  let changes = 0;
  watch.onChange(() => changes++);
  await watch.open(() => {
    player.start();
    return Promise.resolve(player);
  });
  await settle();
  expect(watch.report()).toMatchObject({ isPlaying: true });
  const before = changes;

  // A second a poll, as the song plays: no news.
  await poll('13.5');
  await poll('14.5');
  expect(changes).toBe(before);

  // A seek on the player: its position is passed on.
  await poll('80');
  expect(changes).toBe(before + 1);
  expect(watch.report()?.positionMs).toBe(80_000);

  // A pause where it stood: news for the play state, not for the position.
  await poll('80.4', { playerState: 'paused' });
  expect(changes).toBe(before + 2);
  expect(watch.report()).toMatchObject({ isPlaying: false, positionMs: null });
});

it('follows a port that opens after the start stopped waiting for it', async () => {
  const reading = stateRecord();
  const player = new AppleScriptLocalPlayer({
    run: () => Promise.resolve(reading),
    scheduler: { after: () => () => undefined },
  });
  watch = new LocalPlayerWatch();
  // Opens after the watch's 3 s wait: the start goes on, and says the interface did not answer.
  await watch.open(
    () =>
      new Promise((resolve) =>
        setTimeout(() => {
          player.start();
          resolve(player);
        }, 3_500),
      ),
  );
  expect(watch.report()).toBeNull();
  expect(watch.status(false).problem).toMatch(/did not answer/);
  const w = watch;
  await new Promise<void>((resolve) => w.onChange(() => w.report() !== null && resolve()));
  expect(watch.report()).toMatchObject({ isPlaying: true });
  expect(watch.status(false)).toMatchObject({ name: 'Spotify', problem: null });
}, 10_000);
