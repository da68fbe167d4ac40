import { afterEach, describe, expect, it } from 'vitest';
import { plainDesktopStatus, type DesktopShell } from '../../../src/main/app/desktop-shell.ts';
import { UserFacingError } from '../../../src/main/app/errors.ts';
import type { DesktopStatus } from '../../../src/shared/app-state.ts';
import type { PushEvents } from '../../../src/shared/ipc/contract.ts';
import { signIn, startApp, type AppHarness } from './harness.ts';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A shell that records what the app asked of it, with a status the test changes. */
function recordingShell(initial: Partial<DesktopStatus> = {}) {
  const calls: string[] = [];
  const copied: string[] = [];
  let status: DesktopStatus = { ...plainDesktopStatus('darwin'), ...initial };
  const shell: DesktopShell = {
    hideMiniPlayer: () => calls.push('hide'),
    copyText: (text) => {
      calls.push('copy');
      copied.push(text);
      return Promise.resolve();
    },
    openAccessibilitySettings: async () => {
      await Promise.resolve();
      calls.push('accessibility');
    },
    installUpdate: () => calls.push('installUpdate'),
    status: () => status,
  };
  return {
    shell,
    calls,
    copied,
    set: (changes: Partial<DesktopStatus>) => {
      status = { ...status, ...changes };
    },
  };
}

const DEVICES = '/v1/me/player/devices';

describe('the desktop shell', () => {
  it('without one, reports a plain desktop and the desktop channels do nothing', async () => {
    h = await startApp();
    expect(h.app.getState().desktop).toEqual(plainDesktopStatus(process.platform));
    expect(h.app.getState().desktop.platform).toMatch(/^(darwin|win32|linux)$/);
    await expect(h.app.handlers['ui:hide'](undefined)).resolves.toBeUndefined();
    await expect(h.app.handlers['ui:copyText']({ text: 'x' })).resolves.toBeUndefined();
    await expect(h.app.handlers['settings:openAccessibility'](undefined)).resolves.toBeUndefined();
    await expect(h.app.handlers['app:installUpdate'](undefined)).resolves.toBeUndefined();
  });

  it('maps any other OS to linux', () => {
    expect(plainDesktopStatus('freebsd').platform).toBe('linux');
    expect(plainDesktopStatus('win32').platform).toBe('win32');
  });

  it('runs hide, copy (exactly the text given), Accessibility and install through the shell', async () => {
    const desktop = recordingShell();
    h = await startApp({ deps: { desktop: desktop.shell } });
    await h.app.handlers['ui:hide'](undefined);
    await h.app.handlers['ui:copyText']({ text: '  http://127.0.0.1/callback\n' });
    await h.app.handlers['settings:openAccessibility'](undefined);
    await h.app.handlers['app:installUpdate'](undefined);
    expect(desktop.calls).toEqual(['hide', 'copy', 'accessibility', 'installUpdate']);
    expect(desktop.copied).toEqual(['  http://127.0.0.1/callback\n']);
  });

  it('passes a failing shell action on as a rejection the dispatcher can show', async () => {
    const desktop = recordingShell();
    h = await startApp({
      deps: {
        desktop: {
          ...desktop.shell,
          copyText: () =>
            Promise.reject(new UserFacingError('clipboard', 'Traytune could not copy to the clipboard.')),
        },
      },
    });
    await expect(h.app.handlers['ui:copyText']({ text: 'x' })).rejects.toThrow(/could not copy/);
  });

  it('reports its status in the app state and pushes it again only when it changed', async () => {
    const desktop = recordingShell({ mediaKeysNeedAccessibility: true });
    h = await startApp({ clientId: null, deps: { desktop: desktop.shell } });
    expect(h.app.getState().desktop).toMatchObject({ platform: 'darwin', mediaKeysNeedAccessibility: true });
    const before = h.states.length;

    h.app.desktopStatusChanged();
    expect(h.states.length).toBe(before);

    desktop.set({ updateReady: '0.3.0', mediaKeysNeedAccessibility: false });
    h.app.desktopStatusChanged();
    expect(h.states.length).toBe(before + 1);
    expect(h.states.at(-1)?.desktop).toMatchObject({
      updateReady: '0.3.0',
      mediaKeysNeedAccessibility: false,
    });
    expect((await h.app.handlers['app:getState'](undefined)).desktop.updateReady).toBe('0.3.0');
  });

  it('pushes ui:showPanel for the tray', async () => {
    h = await startApp({ clientId: null });
    const panels: PushEvents['ui:showPanel'][] = [];
    h.app.on('ui:showPanel', (payload) => panels.push(payload));
    h.app.showPanel('settings');
    h.app.showPanel('onboarding');
    expect(panels).toEqual([{ panel: 'settings' }, { panel: 'onboarding' }]);
  });
});

describe('the device list for the tray', () => {
  it('is fetched once after connecting, without anyone opening the device picker', async () => {
    h = await startApp();
    await signIn(h);
    await h.clock.advance(0);
    expect(h.sim.requests.count({ method: 'GET', path: DEVICES })).toBe(1);
    const listed = h.app.getSnapshot().devices.map((device) => device.name);
    expect(listed).toEqual(h.sim.player.devices().map((device) => device.name));
    expect(h.snapshots.at(-1)?.devices.length).toBe(listed.length);

    // Later reads do not ask again while the active device stays.
    await h.clock.advance(5 * 60_000);
    expect(h.sim.requests.count({ method: 'GET', path: DEVICES })).toBe(1);
  });

  it('is fetched again when the active device changes (a device that came online meanwhile shows)', async () => {
    h = await startApp();
    await signIn(h);
    await h.clock.advance(0);
    expect(h.sim.requests.count({ method: 'GET', path: DEVICES })).toBe(1);

    const devices = h.sim.player.devices();
    h.sim.player.setDevices([
      ...devices.map(({ id, name, type }) => ({ id, name, type })),
      { id: 'new-tablet', name: 'New Tablet', type: 'Tablet' },
    ]);
    h.sim.player.externalTransfer('new-tablet');
    await h.clock.advance(60_000);
    await h.clock.advance(0);

    expect(h.sim.requests.count({ method: 'GET', path: DEVICES })).toBe(2);
    const snapshot = h.app.getSnapshot();
    expect(snapshot.device?.id).toBe('new-tablet');
    expect(snapshot.devices.map((device) => device.name)).toContain('New Tablet');

    await h.clock.advance(5 * 60_000);
    expect(h.sim.requests.count({ method: 'GET', path: DEVICES })).toBe(2);
  });

  it('is not fetched while signed out', async () => {
    h = await startApp();
    await h.clock.advance(60_000);
    expect(h.sim.requests.count({ method: 'GET', path: DEVICES })).toBe(0);
  });
});
