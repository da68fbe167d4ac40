/**
 * The shell, booted: Traytune's main bundle (the built out/main and the packaged app.asar) runs against
 * the Electron double on Linux, macOS and Windows, with the Spotify simulator behind Spotify's real
 * host names (test/desktop/electron-double/network.ts). Each scenario is what a user or the OS does.
 */
import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../../src/shared/ipc/channels.ts';
import type { BootOptions } from './boot-client.ts';
import {
  ICON_EXTENSION,
  LAYOUT_NAMES,
  PLATFORMS,
  QUIT_DEADLINE_MS,
  chooseFromTray,
  expectNothingLeft,
  find,
  ipc,
  menuNow,
  shellSuite,
  signIn,
  trayOf,
  until,
  withDeadline,
} from './scenario-kit.ts';

describe.each(PLATFORMS)('the shell on %s', (platform) => {
  describe.each(LAYOUT_NAMES)('%s layout', (layoutName) => {
    const suite = shellSuite(platform, layoutName);
    const { sim } = suite;
    const boot = (options?: Partial<BootOptions>) => suite.boot(options);

    it('first run: the mini-player opens, every channel is registered, the tray shows a real icon', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      const booted = await boot();
      const state = await booted.waitFor('the mini-player to show', (s) => s.windows[0]?.visible && s);
      // macOS pops the menu up on demand; Linux and Windows hand it to the icon at once.
      expect(trayOf(state).setContextMenuCalls > 0).toBe(platform !== 'darwin');
      expect(state.windows[0]!.url).toBe('app://traytune/index.html');
      expect([...state.ipcChannels].sort()).toEqual([...INVOKE_CHANNELS].sort());
      const tray = trayOf(state);
      expect(tray.imageEmpty).toBe(false);
      expect(tray.imagePath).toMatch(ICON_EXTENSION[platform]);
      expect(tray.imagePath).toMatch(/attention/);
      if (platform === 'darwin') expect(tray.imageTemplate).toBe(true);
      expect(find(await menuNow(booted, platform), 'account')?.label).toBe('Set up Traytune…');
      // Packaged: no default menu (reload, DevTools, zoom), DevTools off, developer keys swallowed.
      if (layoutName === 'packaged') {
        expect(state.defaultApplicationMenu).toBe(false);
        expect(state.windows[0]!.options.webPreferences?.devTools).toBe(false);
        for (const keys of [
          'Control+R',
          'F5',
          'Control+Shift+I',
          'Control+=',
          'Command+R',
          'Command+Alt+I',
        ]) {
          await booted.call('pressKey', { accelerator: keys });
        }
        const after = await booted.state();
        expect(after.windows[0]!.reloads).toBe(0);
        expect(after.windows[0]!.devToolsOpened).toBe(0);
        expect(after.windows[0]!.zoomLevel).toBe(0);
      } else {
        // Development keeps Electron's menu: reload works there.
        expect(state.defaultApplicationMenu).toBe(true);
      }
      // Dev runs keep their own profile; the packaged app uses the installed one.
      const lock = state.journal.find((entry) => entry.api === 'app.requestSingleInstanceLock');
      expect(String(lock?.args[0])).toMatch(
        layoutName === 'packaged' ? /Traytune$/ : /Traytune \(development\)$/,
      );
      if (platform === 'linux') {
        expect(state.journal).toContainEqual({
          api: 'app.setDesktopName',
          args: ['app.traytune.Traytune.desktop'],
        });
      }
      await chooseFromTray(booted, platform, 'quit');
      const ended = await withDeadline(booted.ended, QUIT_DEADLINE_MS, 'quit');
      expect(ended.exit).toEqual({ how: 'quit', code: 0 });
      expectNothingLeft(ended);
      expect(ended.code).toBe(0);
    });

    it('signs in from the tray and controls the simulator from the menu, shortcuts and command lines', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      const booted = await boot();
      await booted.waitFor('the window', (s) => s.windows[0]?.visible);
      // A frame inside the page never speaks for the app.
      const fromFrame = await booted.call<{ ok: boolean; value?: { ok: boolean } }>('invoke', {
        channel: 'app:getState',
        subframe: true,
      });
      expect(fromFrame.value?.ok).toBe(false);
      // The renderer's onboarding (the client ID through IPC from the window's top frame), then the tray.
      await signIn(booted, platform, sim());
      // Push events reached the window on the way.
      const pushed = (await booted.state()).windows[0]!.sent.map((message) => message.channel);
      expect(pushed).toContain('app:state');
      expect(pushed).toContain('player:snapshot');
      const signedIn = await menuNow(booted, platform);
      expect(find(signedIn, 'account')?.label).toBe('Sign out');
      // The seeded player has a track loaded and paused: the paused icon, by its file.
      let state = await booted.waitFor(
        'the paused icon',
        (s) => /tray-paused/.test(trayOf(s).imagePath ?? '') && s,
      );
      expect(trayOf(state).imageEmpty).toBe(false);

      // Play from the tray: the simulator plays, and the icon says so by its file.
      expect(sim().player.snapshot().isPlaying).toBe(false);
      await chooseFromTray(booted, platform, 'play-pause');
      await until('the simulator to play', () => sim().player.snapshot().isPlaying);
      state = await booted.waitFor(
        'the playing icon',
        (s) => /tray-playing/.test(trayOf(s).imagePath ?? '') && s,
      );
      expect(trayOf(state).imageEmpty).toBe(false);

      // Next and Like from the tray.
      const first = sim().player.snapshot().itemUri;
      const firstLabel = find(await menuNow(booted, platform), 'now-playing')?.label;
      const reads = () => sim().requests.count({ method: 'GET', path: '/v1/me/player' });
      const readsBefore = reads();
      await chooseFromTray(booted, platform, 'next');
      await until('the next track', () => sim().player.snapshot().itemUri !== first);
      await until('the read that confirms it', () => reads() > readsBefore);
      const second = sim().player.snapshot().itemUri;
      // Like acts on what the menu shows: wait for the read that follows Next to bring the new track.
      await booted.waitFor('the menu to show the new track', async () => {
        const menu = await menuNow(booted, platform);
        return find(menu, 'now-playing')?.label !== firstLabel && find(menu, 'like')?.enabled;
      });
      const liked = () => sim().player.likedUris().includes(second!);
      const likedBefore = liked();
      await chooseFromTray(booted, platform, 'like');
      await until('the like to reach the library', () => liked() !== likedBefore);

      // Switch device from the Devices submenu.
      const other = sim()
        .player.devices()
        .find((device) => !device.isActive && !device.isRestricted);
      expect(other).toBeDefined();
      const deviceItem = await booted.waitFor('the devices submenu to list it', async () =>
        find(await menuNow(booted, platform), `device:${other!.id}`),
      );
      expect(deviceItem?.enabled).toBe(true);
      await chooseFromTray(booted, platform, `device:${other!.id}`);
      await until('the transfer', () => sim().player.snapshot().deviceId === other!.id);

      // The media keys are the only global shortcuts by default; pressing one runs its command.
      state = await booted.state();
      expect([...state.shortcuts].sort()).toEqual(['MediaNextTrack', 'MediaPlayPause', 'MediaPreviousTrack']);
      const playing = sim().player.snapshot().isPlaying;
      expect(await booted.call('pressShortcut', { accelerator: 'MediaPlayPause' })).toBe(true);
      await until('the media key to toggle playback', () => sim().player.snapshot().isPlaying !== playing);

      // A second launch's command line runs in this instance.
      await booted.call('secondInstance', { argv: ['traytune', '--next'] });
      await until('--next from a second launch', () => sim().player.snapshot().itemUri !== second);
      await booted.call('secondInstance', { argv: ['traytune', '--updated', '--show'] });
      await booted.waitFor('--show to show the window', (s) => s.windows[0]?.visible);

      // A crashed renderer is reloaded.
      const reloads = (await booted.state()).windows[0]!.reloads;
      await booted.call('crashRenderer', { reason: 'crashed' });
      await booted.waitFor('the reload after the crash', (s) => s.windows[0]!.reloads > reloads);
      await booted.call('windowEvent', { event: 'unresponsive' });
      await booted.waitFor('the reload after the hang', (s) => s.windows[0]!.reloads > reloads + 1);

      // Nothing playing anywhere (the last device went away): the idle icon, once a read has seen it.
      sim().player.deactivate();
      await ipc(booted, 'player:retry');
      const idle = await booted.waitFor(
        'the idle icon',
        (s) => /tray-idle/.test(trayOf(s).imagePath ?? '') && s,
      );
      expect(trayOf(idle).imageEmpty).toBe(false);

      // Sign out from the tray (it asks first): the attention icon again.
      await chooseFromTray(booted, platform, 'account');
      await booted.waitFor('the sign-out question', (s) => s.messageBoxes.length === 1);
      await booted.call('answerMessageBox', { button: 'Sign out' });
      await booted.waitFor(
        'signed out',
        async (s) =>
          find(await menuNow(booted, platform), 'account')?.label === 'Sign in…' &&
          /tray-attention/.test(trayOf(s).imagePath ?? ''),
      );

      // `traytune --quit` from a second launch ends the app, leaving no timers or sockets behind.
      await booted.call('secondInstance', { argv: ['traytune', '--quit'] });
      const ended = await withDeadline(booted.ended, QUIT_DEADLINE_MS, 'quit');
      expect(ended.exit).toEqual({ how: 'quit', code: 0 });
      expectNothingLeft(ended);
      expect(ended.code).toBe(0);
    });

    it('a logout or shutdown is never held up: before-quit is not cancelled and the process ends', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      const booted = await boot();
      await booted.waitFor('the window', (s) => s.windows[0]?.visible);
      await booted.call('osQuit', { shutdown: true });
      const ended = await withDeadline(booted.ended, QUIT_DEADLINE_MS, 'OS quit');
      const state = ended.exit;
      expect(state).toEqual({ how: 'quit', code: 0 });
      expectNothingLeft(ended);
    });
  });
});
