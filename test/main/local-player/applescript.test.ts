import { afterEach, describe, expect, it } from 'vitest';
import {
  APPLESCRIPT_CAPABILITIES,
  AppleScriptLocalPlayer,
  SPOTIFY_APP,
  startAppleScriptPlayer,
  type AppleScriptProblem,
  type PollScheduler,
} from '../../../src/main/local-player/applescript.ts';
import { READ_STATE_SCRIPT } from '../../../src/main/local-player/applescript-scripts.ts';
import type { LocalPlayerState, LocalPresenceEvent } from '../../../src/main/local-player/types.ts';
import { NOT_RUNNING_RECORD, stateRecord } from './applescript-record.ts';

/** A scheduler moved by hand: `tick()` runs the one pending poll. */
class FakeScheduler implements PollScheduler {
  pending: { ms: number; run: () => void } | null = null;
  cancelled = 0;
  after(ms: number, run: () => void): () => void {
    const entry = { ms, run };
    this.pending = entry;
    return () => {
      if (this.pending === entry) {
        this.pending = null;
        this.cancelled += 1;
      }
    };
  }
  tick(): void {
    const entry = this.pending;
    if (!entry) throw new Error('no poll is scheduled');
    this.pending = null;
    entry.run();
  }
}

/** A stand-in for osascript: answers the read script with `reading`, and commands by `commandAnswer`. */
class FakeSpotify {
  reading = NOT_RUNNING_RECORD;
  readFailure: Error | null = null;
  commandAnswer: string | { failure: Error } = 'running\n';
  readonly scripts: string[] = [];
  readonly run = (script: string): Promise<string> => {
    this.scripts.push(script);
    if (script === READ_STATE_SCRIPT) {
      return this.readFailure ? Promise.reject(this.readFailure) : Promise.resolve(this.reading);
    }
    const answer = this.commandAnswer;
    return typeof answer === 'string' ? Promise.resolve(answer) : Promise.reject(answer.failure);
  };
  commands(): string[] {
    return this.scripts.filter((script) => script !== READ_STATE_SCRIPT);
  }
  reads(): number {
    return this.scripts.filter((script) => script === READ_STATE_SCRIPT).length;
  }
}

/** Lets the awaited runner answers and the poll's continuation run (no clock involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** How execFile fails when the Automation permission is refused: exit 1, AppleScript's number on stderr. */
const AUTOMATION_REFUSED = Object.assign(new Error('Command failed: osascript'), {
  code: 1,
  stderr: 'execution error: Not authorized to send Apple events to Spotify. (-1743)\n',
});

let player: AppleScriptLocalPlayer | undefined;
afterEach(async () => {
  await player?.dispose();
  player = undefined;
});

function setUp() {
  const spotify = new FakeSpotify();
  const scheduler = new FakeScheduler();
  const presence: LocalPresenceEvent[] = [];
  const states: LocalPlayerState[] = [];
  const problems: (AppleScriptProblem | null)[] = [];
  player = new AppleScriptLocalPlayer({
    run: spotify.run,
    scheduler,
    intervalMs: 1_000,
    absentIntervalMs: 3_000,
  });
  player.onPresence((event) => presence.push(event));
  player.onState((state) => states.push(state));
  player.onProblem((problem) => problems.push(problem));
  return { spotify, scheduler, presence, states, problems, player };
}

describe('AppleScriptLocalPlayer polling', () => {
  it('polls every 3 s while Spotify is absent, and says nothing', async () => {
    const { spotify, scheduler, presence, states, player } = setUp();
    player.start();
    await settle();
    expect(spotify.reads()).toBe(1);
    expect(scheduler.pending?.ms).toBe(3_000);
    scheduler.tick();
    await settle();
    expect(spotify.reads()).toBe(2);
    expect(presence).toEqual([]);
    expect(states).toEqual([]);
    expect(player.current()).toBeNull();
  });

  it('reports Spotify appearing with its state and capabilities, then polls every second', async () => {
    const { spotify, scheduler, presence, states, player } = setUp();
    const capabilities: unknown[] = [];
    player.onCapabilities((c) => capabilities.push(c));
    spotify.reading = stateRecord();
    player.start();
    await settle();
    expect(presence).toEqual([{ kind: 'appeared', player: SPOTIFY_APP }]);
    expect(capabilities).toEqual([APPLESCRIPT_CAPABILITIES]);
    expect(states).toHaveLength(1);
    expect(states[0]).toMatchObject({
      status: 'playing',
      title: 'Never Gonna Give You Up',
      positionMs: 12_500,
    });
    expect(player.current()).toEqual({
      player: SPOTIFY_APP,
      state: states[0],
      capabilities: APPLESCRIPT_CAPABILITIES,
    });
    expect(scheduler.pending?.ms).toBe(1_000);
  });

  it('emits a state only when something changed', async () => {
    const { spotify, scheduler, states, player } = setUp();
    spotify.reading = stateRecord();
    player.start();
    await settle();
    scheduler.tick();
    await settle();
    expect(states).toHaveLength(1);
    spotify.reading = stateRecord({ playerState: 'paused' });
    scheduler.tick();
    await settle();
    expect(states.map((s) => s.status)).toEqual(['playing', 'paused']);
    spotify.reading = stateRecord({ playerState: 'paused', positionSeconds: '40' });
    scheduler.tick();
    await settle();
    expect(states.map((s) => s.positionMs)).toEqual([12_500, 12_500, 40_000]);
  });

  it('reports Spotify going away, and back to the slow presence poll', async () => {
    const { spotify, scheduler, presence, player } = setUp();
    spotify.reading = stateRecord();
    player.start();
    await settle();
    spotify.reading = NOT_RUNNING_RECORD;
    scheduler.tick();
    await settle();
    expect(presence).toEqual([
      { kind: 'appeared', player: SPOTIFY_APP },
      { kind: 'gone', player: SPOTIFY_APP },
    ]);
    expect(player.current()).toBeNull();
    expect(scheduler.pending?.ms).toBe(3_000);
  });

  it('says a refused Automation permission once, keeps polling, and clears it when reads work again', async () => {
    const { spotify, scheduler, problems, player } = setUp();
    spotify.readFailure = AUTOMATION_REFUSED;
    player.start();
    await settle();
    scheduler.tick();
    await settle();
    expect(spotify.reads()).toBe(2);
    expect(problems.map((p) => p?.code ?? null)).toEqual(['automation-refused']);
    expect(problems[0]?.message).toContain('Privacy & Security › Automation');
    spotify.readFailure = null;
    spotify.reading = stateRecord();
    scheduler.tick();
    await settle();
    expect(problems.map((p) => p?.code ?? null)).toEqual(['automation-refused', null]);
    expect(player.current()?.state.status).toBe('playing');
  });

  it('says an unreadable answer as unreadable-state', async () => {
    const { spotify, problems, player } = setUp();
    spotify.reading = 'garbage\n';
    player.start();
    await settle();
    expect(problems.map((p) => p?.code)).toEqual(['unreadable-state']);
  });

  it('stops polling once disposed', async () => {
    const { spotify, scheduler, player } = setUp();
    spotify.reading = stateRecord();
    player.start();
    await settle();
    await player.dispose();
    expect(scheduler.pending).toBeNull();
    expect(spotify.reads()).toBe(1);
  });
});

describe('AppleScriptLocalPlayer commands', () => {
  it('runs the guarded script, then reads the state at once instead of waiting for the tick', async () => {
    const { spotify, scheduler, states, player } = setUp();
    spotify.reading = stateRecord();
    player.start();
    await settle();
    spotify.reading = stateRecord({ playerState: 'paused' });
    await player.pause();
    await settle();
    expect(spotify.commands()).toEqual([
      'if application "Spotify" is not running then return "not-running"\ntell application "Spotify" to pause\nreturn "running"',
    ]);
    expect(scheduler.cancelled).toBe(1);
    expect(states.map((s) => s.status)).toEqual(['playing', 'paused']);
    expect(scheduler.pending?.ms).toBe(1_000);
  });

  it('sends each port command as its statement, with volume on Spotify’s 0–100 scale', async () => {
    const { spotify, player } = setUp();
    spotify.reading = stateRecord();
    player.start();
    await settle();
    await player.play();
    await player.playPause();
    await player.next();
    await player.previous();
    await player.openUri('spotify:track:4uLU6hMCjMI75M1A2tKUQC');
    await player.seek(61_000);
    await player.setVolume(0.3);
    await player.setShuffle(true);
    await player.setLoop('none');
    const statements = spotify
      .commands()
      .map((script) => script.split('\n')[1]?.replace('tell application "Spotify" to ', ''));
    expect(statements).toEqual([
      'play',
      'playpause',
      'next track',
      'previous track',
      'play track "spotify:track:4uLU6hMCjMI75M1A2tKUQC"',
      'set player position to 61.000',
      'set sound volume to 30',
      'set shuffling to true',
      'set repeating to false',
    ]);
  });

  it('refuses a bad URI without running anything', async () => {
    const { spotify, player } = setUp();
    await expect(player.openUri('spotify:track:x" & (do shell script "id") & "')).rejects.toMatchObject({
      code: 'invalid-uri',
    });
    expect(spotify.scripts).toEqual([]);
  });

  it('refuses repeating one track, which the dictionary cannot ask for', async () => {
    const { spotify, player } = setUp();
    await expect(player.setLoop('track')).rejects.toMatchObject({
      name: 'LocalPlayerError',
      code: 'not-supported',
    });
    expect(spotify.scripts).toEqual([]);
  });

  it('rejects with no-player when Spotify is not running, and reports it gone', async () => {
    const { spotify, presence, player } = setUp();
    spotify.reading = stateRecord();
    player.start();
    await settle();
    spotify.commandAnswer = 'not-running\n';
    await expect(player.next()).rejects.toMatchObject({ name: 'LocalPlayerError', code: 'no-player' });
    expect(presence.map((e) => e.kind)).toEqual(['appeared', 'gone']);
  });

  it('rejects with player-failed and the Automation sentence when the permission is refused', async () => {
    const { spotify, player } = setUp();
    spotify.commandAnswer = { failure: AUTOMATION_REFUSED };
    const failure = player.play();
    await expect(failure).rejects.toMatchObject({
      name: 'LocalPlayerError',
      code: 'player-failed',
      message: 'Allow Traytune to control Spotify in System Settings › Privacy & Security › Automation.',
    });
    await expect(failure).rejects.toHaveProperty('cause.code', 'automation-refused');
  });

  it('follows a poll in flight with another one after a command', async () => {
    const spotify = new FakeSpotify();
    const scheduler = new FakeScheduler();
    spotify.reading = stateRecord();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstRead = true;
    const run = async (script: string): Promise<string> => {
      if (script === READ_STATE_SCRIPT && firstRead) {
        firstRead = false;
        spotify.scripts.push(script);
        await gate;
        return spotify.reading;
      }
      return spotify.run(script);
    };
    player = startAppleScriptPlayer({ run, scheduler });
    await settle();
    await player.pause();
    expect(spotify.reads()).toBe(1);
    release();
    await settle();
    expect(spotify.reads()).toBe(2);
    expect(scheduler.pending?.ms).toBe(1_000);
  });
});
