import { afterEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../../src/shared/ipc/contract.ts';
import { startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('handlers.ts', () => {
  it('answers every channel of the contract', async () => {
    h = await startApp({ start: false });
    expect(Object.keys(h.app.handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('signed out, the player commands answer why without a request to Spotify', async () => {
    h = await startApp();
    const { handlers } = h.app;
    h.sim.requests.reset();
    const answers = await Promise.all([
      handlers['player:togglePlay'](undefined),
      handlers['player:next'](undefined),
      handlers['player:previous'](undefined),
      handlers['player:seek']({ positionMs: 1 }),
      handlers['player:setVolume']({ percent: 5 }),
      handlers['player:setShuffle']({ on: true }),
      handlers['player:setRepeat']({ mode: 'off' }),
      handlers['player:toggleLike'](undefined),
      handlers['player:transfer']({ deviceId: 'd' }),
      handlers['player:refreshDevices'](undefined),
      handlers['player:playTrack']({ uri: 'spotify:track:abc' }),
      handlers['player:retry'](undefined),
      handlers['library:addToQueue']({ uri: 'spotify:track:abc' }),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({
        ok: false,
        error: { kind: 'unauthorized', message: expect.stringMatching(/signed out.*Sign in/) as string },
      });
    }
    expect(answers.map((a) => !a.ok && a.error.source)).toEqual([
      'play',
      'next',
      'previous',
      'seek',
      'volume',
      'shuffle',
      'repeat',
      'like',
      'transfer',
      'devices',
      'play-items',
      'sync',
      'queue',
    ]);
    await handlers['player:dismissError'](undefined);
    await handlers['ui:setVisible']({ visible: true });
    expect((await handlers['player:getSnapshot'](undefined)).connection.status).toBe('signed-out');
    expect(h.sim.requests.count()).toBe(0);
  });
});
