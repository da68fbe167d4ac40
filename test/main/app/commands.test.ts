/**
 * The commands the tray, global shortcuts and the command line send, run through a real TraytuneApp
 * against the Spotify simulator; only what the desktop does itself (the window, the message boxes, quit)
 * is recorded here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordingDesktop } from '../../../dev/harness/recording-desktop.ts';
import { UserFacingError } from '../../../src/main/app/errors.ts';
import { USER_MESSAGES } from '../../../src/shared/messages.ts';
import { runnerFor, signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PLAYER = '/v1/me/player';

/** Lets the runner reach its next await (the question it asks) before the test answers. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createCommandRunner', () => {
  it('play and pause act only from the other state; the toggle always does', async () => {
    h = await startApp();
    await signIn(h);
    const { run } = runnerFor(h.app);
    const playing = () => h!.sim.player.snapshot().isPlaying;
    expect(playing()).toBe(false);

    await run({ type: 'pause' });
    expect(playing()).toBe(false);
    await run({ type: 'play' });
    expect(playing()).toBe(true);
    await run({ type: 'play' });
    expect(playing()).toBe(true);
    expect(h.sim.requests.count({ method: 'PUT', path: `${PLAYER}/play` })).toBe(1);
    await run({ type: 'togglePlay' });
    expect(playing()).toBe(false);
  });

  it('steps the volume from what the app knows, and sends nothing while it knows none', async () => {
    h = await startApp();
    const signedOut = runnerFor(h.app);
    await signedOut.run({ type: 'volumeUp' });
    expect(h.sim.requests.count({ method: 'PUT', path: `${PLAYER}/volume` })).toBe(0);
    expect(signedOut.side.told).toEqual([]);

    await signIn(h);
    const { run } = runnerFor(h.app);
    const before = h.app.getSnapshot().volumePercent!;
    await run({ type: 'volumeDown' });
    expect(h.sim.player.snapshot().volumePercent).toBe(before - 5);
    await run({ type: 'volumeUp' });
    expect(h.sim.player.snapshot().volumePercent).toBe(before);
  });

  it("sets shuffle and repeat to what the tray's item says, and sends nothing when they are so already", async () => {
    h = await startApp();
    await signIn(h);
    const { run } = runnerFor(h.app);
    await run({ type: 'setShuffle', on: true });
    expect(h.sim.player.snapshot().shuffle).toBe(true);
    // A menu built before the change (or another device): "on" is already so.
    await run({ type: 'setShuffle', on: true });
    expect(h.sim.requests.count({ method: 'PUT', path: `${PLAYER}/shuffle` })).toBe(1);

    await run({ type: 'setRepeat', mode: 'track' });
    expect(h.sim.player.snapshot().repeat).toBe('track');
    await run({ type: 'setRepeat', mode: 'track' });
    await run({ type: 'setRepeat', mode: 'off' });
    expect(h.sim.player.snapshot().repeat).toBe('off');
    expect(h.sim.requests.count({ method: 'PUT', path: `${PLAYER}/repeat` })).toBe(2);
  });

  it('copies the exact text through the desktop clipboard; a refusal is told, with what to do', async () => {
    const desktop = recordingDesktop();
    h = await startApp({ deps: { desktop: desktop.shell } });
    const { run, side } = runnerFor(h.app);
    await run({ type: 'copy', text: 'Rock & Roll — The Band ' });
    expect(desktop.copied).toEqual(['Rock & Roll — The Band ']);
    expect(side.told).toEqual([]);

    const refusing = await h.restart({
      desktop: {
        ...desktop.shell,
        copyText: () =>
          Promise.reject(new UserFacingError('clipboard', 'Traytune could not copy to the clipboard.')),
      },
    });
    const refused = runnerFor(refusing);
    await refused.run({ type: 'copy', text: 'Song — Ann' });
    expect(refused.side.told).toEqual(['Traytune could not copy to the clipboard.']);
    expect(refused.side.bugs).toEqual([]);
  });

  it('asks before signing out: Cancel keeps the sign-in, "Sign out" signs out', async () => {
    h = await startApp();
    await signIn(h);
    const { run, side } = runnerFor(h.app);

    const cancelled = run({ type: 'signOut' });
    await settle();
    expect(side.questions).toHaveLength(1);
    side.questions.shift()!(false);
    await cancelled;
    expect(h.app.getState().account).toBe('signed-in');

    const confirmed = run({ type: 'signOut' });
    await settle();
    side.questions.shift()!(true);
    await confirmed;
    expect(h.app.getState().account).toBe('signed-out');
    expect(side.told).toEqual([]);
  });

  it('asks once while the question is open, and again once it is answered', async () => {
    h = await startApp();
    await signIn(h);
    const { run, side } = runnerFor(h.app);
    const first = run({ type: 'signOut' });
    await settle();
    // The menu again, while the box is up (Windows trays stay usable): no second box.
    await run({ type: 'signOut' });
    expect(side.questions).toHaveLength(1);
    side.questions.shift()!(false);
    await first;

    const again = run({ type: 'signOut' });
    await settle();
    expect(side.questions).toHaveLength(1);
    side.questions.shift()!(true);
    await again;
    expect(h.app.getState().account).toBe('signed-out');
  });

  it('a sign-out answered after the account is gone does nothing', async () => {
    h = await startApp();
    await signIn(h);
    const app = h.app;
    let signOuts = 0;
    const { run, side } = runnerFor(app, {
      handlers: {
        ...app.handlers,
        'auth:signOut': (input) => {
          signOuts++;
          return app.handlers['auth:signOut'](input);
        },
      },
    });
    const pending = run({ type: 'signOut' });
    await settle();
    // Signed out from the window while the box was up.
    await app.handlers['auth:signOut'](undefined);
    side.questions.shift()!(true);
    await pending;
    expect(signOuts).toBe(0);
    expect(app.getState().account).toBe('signed-out');
    expect(side.told).toEqual([]);
  });

  it('the window, its panels, the update and quit are the desktop’s; sign-in shows the window first', async () => {
    h = await startApp({ clientId: null });
    const { run, side, panels } = runnerFor(h.app);
    for (const type of [
      'show',
      'hide',
      'showHide',
      'setUp',
      'openSettings',
      'installUpdate',
      'quit',
    ] as const)
      await run({ type });
    expect(side.did).toEqual(['show', 'hide', 'toggle', 'show', 'show', 'install-update', 'quit']);
    expect(panels).toEqual(['onboarding', 'settings']);

    // Without a client ID there is nothing to sign in with: the window is shown (onboarding), and the
    // typed error's own words are told, once, as no bug.
    await run({ type: 'signIn' });
    expect(side.did.at(-1)).toBe('show');
    expect(side.told).toHaveLength(1);
    expect(side.told[0]).toMatch(/client ID/);
    expect(side.bugs).toEqual([]);
  });

  it('a handler that fails without a typed error is a bug: logged, and the user gets a generic text', async () => {
    h = await startApp();
    const boom = new Error('internal detail with a token abc123');
    const { run, side } = runnerFor(h.app, {
      handlers: { ...h.app.handlers, 'player:next': () => Promise.reject(boom) },
    });
    await run({ type: 'next' });
    expect(side.bugs).toEqual([boom]);
    expect(side.told).toEqual([USER_MESSAGES.internal]);
  });
});
