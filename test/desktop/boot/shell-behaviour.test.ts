/**
 * What the shell does with each platform's quirks, booted against the Electron double: the window users
 * handle, the tray menu that is never rebuilt under the pointer, global shortcuts (every action, the
 * statuses the settings page shows, Wayland's portal, macOS Accessibility) and notifications.
 */
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../src/shared/app-state.ts';
import { USER_MESSAGES } from '../../../src/shared/messages.ts';
import type { Settings, ShortcutStatus } from '../../../src/shared/settings.ts';
import type { BootedApp } from './boot-client.ts';
import {
  LAYOUT_NAMES,
  PLATFORMS,
  chooseFromTray,
  find,
  ipc,
  menuNow,
  shellSuite,
  signIn,
  trayOf,
  until,
} from './scenario-kit.ts';

/** Keys no desktop or app here takes: Ctrl/Cmd+Shift+F1…F7. */
const USER_SHORTCUTS = {
  playPause: 'CommandOrControl+Shift+F1',
  next: 'CommandOrControl+Shift+F2',
  previous: 'CommandOrControl+Shift+F3',
  toggleLike: 'CommandOrControl+Shift+F4',
  volumeUp: 'CommandOrControl+Shift+F5',
  volumeDown: 'CommandOrControl+Shift+F6',
  showHide: 'CommandOrControl+Shift+F7',
} as const;

const shortcutStatus = (booted: BootedApp) => ipc<ShortcutStatus>(booted, 'settings:shortcutStatus');
const appState = (booted: BootedApp) => ipc<AppState>(booted, 'app:getState');
const sentPanels = (booted: BootedApp) =>
  booted
    .state()
    .then((s) =>
      (s.windows[0]?.sent ?? []).filter((m) => m.channel === 'ui:showPanel').map((m) => m.args[0]),
    );

describe.each(PLATFORMS)('shell behaviour on %s', (platform) => {
  describe.each(LAYOUT_NAMES)('%s layout', (layoutName) => {
    const suite = shellSuite(platform, layoutName);
    const { sim } = suite;

    it('the window: copy and hide through main, Settings… and Set up… open their panels, a remembered spot only after a drag', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      const booted = await suite.boot();
      await booted.waitFor('the window', (s) => s.windows[0]?.visible);

      await ipc(booted, 'ui:copyText', { text: 'Rock & Roll — The Band' });
      expect((await booted.state()).clipboard).toBe('Rock & Roll — The Band');
      // What the user is told when the clipboard refuses, or when there is no update to install yet.
      await booted.call('refuseClipboard');
      await expect(ipc(booted, 'ui:copyText', { text: 'again' })).rejects.toThrow(
        /clipboard .*could not copy/,
      );
      await expect(ipc(booted, 'app:installUpdate')).rejects.toThrow(/update-install .*No update/);
      await ipc(booted, 'ui:hide');
      await booted.waitFor('the window to hide', (s) => s.windows[0]?.visible === false);

      // A tray Set up… / Settings… shows the window and asks the page for that panel.
      await chooseFromTray(booted, platform, 'account');
      await booted.waitFor('the window to show', (s) => s.windows[0]?.visible);
      await chooseFromTray(booted, platform, 'settings');
      await booted.waitFor('both panels asked for', async () => (await sentPanels(booted)).length === 2);
      expect(await sentPanels(booted)).toEqual([{ panel: 'onboarding' }, { panel: 'settings' }]);

      // The app's own placing is not remembered; a drag by the user is (not on Wayland: no positions).
      const state = await booted.state();
      expect(state.windows[0]!.minimumSize).toEqual([320, 480]);
      expect(state.windows[0]!.resizable).toBe(true);
      expect(state.windows[0]!.visibleOnAllWorkspaces).toBe(platform === 'darwin');
      expect((await ipc<Settings>(booted, 'settings:get')).windowPosition).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the window manager's settling time
      await booted.call('dragWindow', { x: 400, y: 300 });
      await booted.waitFor('the dragged spot saved', async () => {
        const saved = (await ipc<Settings>(booted, 'settings:get')).windowPosition;
        return saved?.x === 400 && saved.y === 300;
      });
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });

    it('a window shown from a tray click stays open through the blur that follows it, and hides on a later blur', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      if (platform === 'linux')
        return ctx.skip('Linux trays open the menu on a click; there is no click to show from');
      const booted = await suite.boot();
      await booted.waitFor('the window', (s) => s.windows[0]?.visible);
      await ipc(booted, 'ui:hide');
      await booted.waitFor('hidden', (s) => s.windows[0]?.visible === false);
      await new Promise((resolve) => setTimeout(resolve, 350)); // past "the click that blurred it"
      await booted.call('clickTray', { button: 'left' });
      await booted.waitFor('shown', (s) => s.windows[0]?.visible);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const after = await booted.state();
      expect(after.windows[0]!.visible).toBe(true);
      // Later, clicking elsewhere hides it (not pinned).
      await new Promise((resolve) => setTimeout(resolve, 400));
      await booted.call('blurWindow');
      await booted.waitFor('hidden on blur', (s) => s.windows[0]?.visible === false);
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });

    it('the tray menu is not replaced while it is open, and is the new one once it closes', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      if (platform === 'linux')
        return ctx.skip('Linux panels report no menu open or close: the menu is set again on every change');
      const booted = await suite.boot();
      await booted.waitFor('the window', (s) => s.windows[0]?.visible);
      const builds = (state: { journal: readonly { api: string }[] }) =>
        state.journal.filter((entry) => entry.api === 'Menu.buildFromTemplate').length;
      await booted.call('clickTray', { button: 'right' });
      const open = await booted.menu();
      expect(find(open, 'account')?.label).toBe('Set up Traytune…');
      const before = await booted.state();
      await ipc(booted, 'app:setClientId', { clientId: 'c0ffee00c0ffee00c0ffee00c0ffee00' });
      await booted.waitFor('the state change pushed', (s) =>
        s.windows[0]?.sent.some(
          (m) => m.channel === 'app:state' && (m.args[0] as { clientId: string | null }).clientId !== null,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const during = await booted.state();
      expect(builds(during)).toBe(builds(before));
      expect(trayOf(during).setContextMenuCalls).toBe(trayOf(before).setContextMenuCalls);
      await booted.call('closeMenu');
      await booted.waitFor(
        'the new menu',
        async () => find(await menuNow(booted, platform), 'account')?.label === 'Sign in…',
      );
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });

    it('opening the tray menu reads the player once when its state is not fresh (the user looks)', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      const booted = await suite.boot();
      await signIn(booted, platform, sim());
      // Hidden and paused, the next planned read is a minute away: a read now is the menu's.
      await ipc(booted, 'ui:hide');
      await booted.waitFor('the window hidden', (s) => s.windows[0]?.visible === false);
      // Older than the engine's 1 s "fresh" (a setup wait, not a measurement).
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const reads = () => sim().requests.count({ method: 'GET', path: '/v1/me/player' });
      const before = reads();
      // As the platform opens it (Linux: the panel asks first, so `menu-will-show` fires there too).
      await booted.call('clickTray', { button: platform === 'linux' ? 'left' : 'right' });
      await until('the read the open menu asked for', () => reads() > before);
      await booted.call('closeMenu');
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });

    it('Linux: a menu the panel has shown is still set again on every change', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      if (platform !== 'linux') return ctx.skip('macOS and Windows say when the menu closes');
      const booted = await suite.boot();
      await booted.waitFor('the window', (s) => s.windows[0]?.visible);
      await booted.call('clickTray', { button: 'left' }); // the panel opens it and asks for it first
      await booted.call('closeMenu'); // and closes it without a word
      const before = trayOf(await booted.state()).setContextMenuCalls;
      await ipc(booted, 'app:setClientId', { clientId: 'c0ffee00c0ffee00c0ffee00c0ffee00' });
      await booted.waitFor(
        'the menu set again',
        async () => find(await booted.menu(), 'account')?.label === 'Sign in…',
      );
      expect(trayOf(await booted.state()).setContextMenuCalls).toBeGreaterThan(before);
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });

    it('the tray: now playing opens the window, copy, shuffle and repeat reach Spotify, sign out asks first', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      const booted = await suite.boot();
      await signIn(booted, platform, sim());
      const player = () => sim().player.snapshot();
      await ipc(booted, 'ui:hide');
      await booted.waitFor('the window hidden', (s) => s.windows[0]?.visible === false);
      await chooseFromTray(booted, platform, 'now-playing');
      await booted.waitFor('the window shown from the now-playing line', (s) => s.windows[0]?.visible);

      // Copy: what the app shows, in full, on the system clipboard.
      const shown = await booted.waitFor('the track in the app', async () => {
        const snapshot = await ipc<{ item: { name: string; artists: string[] } | null }>(
          booted,
          'player:getSnapshot',
        );
        return snapshot.item ?? undefined;
      });
      await booted.waitFor(
        'Copy enabled',
        async () => find(await menuNow(booted, platform), 'copy-now-playing')?.enabled === true,
      );
      await chooseFromTray(booted, platform, 'copy-now-playing');
      await booted.waitFor('the copy', (s) => s.clipboard === `${shown.name} — ${shown.artists.join(', ')}`);

      const shuffled = player().shuffle;
      await chooseFromTray(booted, platform, 'shuffle');
      await until('shuffle changed on Spotify', () => player().shuffle !== shuffled);
      await booted.waitFor(
        'the checkbox showing it',
        async () => find(await menuNow(booted, platform), 'shuffle')?.checked === !shuffled,
      );
      const mode = player().repeat === 'track' ? 'context' : 'track';
      await chooseFromTray(booted, platform, `repeat:${mode}`);
      await until('repeat set on Spotify', () => player().repeat === mode);
      await booted.waitFor(
        'the radio item showing it',
        async () => find(await menuNow(booted, platform), `repeat:${mode}`)?.checked === true,
      );

      // Sign out asks; Enter and Escape keep the sign-in (Cancel is both), only "Sign out" signs out.
      await chooseFromTray(booted, platform, 'account');
      const box = await booted.waitFor('the question', (s) => s.messageBoxes[0]);
      expect(box).toMatchObject({
        message: USER_MESSAGES.signOutQuestion,
        detail: USER_MESSAGES.signOutForgets,
        buttons: ['Sign out', 'Cancel'],
        enterAnswers: 1,
        escapeAnswers: 1,
        // Windows: plain buttons (noLink), not a "Sign out" command link.
        commandLinks: [],
        attached: false,
        // macOS: Traytune made itself the active app first, or the box would open behind other windows.
        behindOtherApps: false,
        title: platform === 'darwin' ? null : 'Traytune',
      });
      for (const key of ['Enter', 'Escape'] as const) {
        if (key === 'Escape') await chooseFromTray(booted, platform, 'account');
        await booted.waitFor('the question', (s) => s.messageBoxes.length === 1);
        expect(await booted.call<number>('answerMessageBox', { key })).toBe(1);
        expect((await appState(booted)).account).toBe('signed-in');
      }
      await chooseFromTray(booted, platform, 'account');
      await booted.waitFor('the question', (s) => s.messageBoxes.length === 1);
      await booted.call('answerMessageBox', { button: 'Sign out' });
      await booted.waitFor('signed out', async () => (await appState(booted)).account === 'signed-out');
      expect((await booted.state()).messageBoxes).toEqual([]);
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });

    it('every global shortcut runs its command; duplicates, invalid keys and keys another app owns say so', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      const booted = await suite.boot({ takenShortcuts: ['CommandOrControl+Shift+F9'] });
      await signIn(booted, platform, sim());
      const player = () => sim().player.snapshot();
      await ipc(booted, 'settings:update', { shortcuts: USER_SHORTCUTS });
      let status = await shortcutStatus(booted);
      for (const id of Object.keys(USER_SHORTCUTS) as (keyof typeof USER_SHORTCUTS)[]) {
        expect([id, status[id]]).toEqual([id, 'registered']);
      }

      const press = (accelerator: string) => booted.call<boolean>('pressShortcut', { accelerator });
      const playing = player().isPlaying;
      expect(await press(USER_SHORTCUTS.playPause)).toBe(true);
      await until('play/pause', () => player().isPlaying !== playing);
      const item = player().itemUri;
      await press(USER_SHORTCUTS.next);
      await until('next', () => player().itemUri !== item);
      const afterNext = player().itemUri;
      await press(USER_SHORTCUTS.previous);
      await until('previous', () => player().itemUri !== afterNext);
      // Volume steps from what the app knows: wait for a read to bring the new track's state first.
      await booted.waitFor(
        'the volume known',
        async () =>
          (await ipc<{ volumePercent: number | null }>(booted, 'player:getSnapshot')).volumePercent !== null,
      );
      const volume = player().volumePercent;
      await press(USER_SHORTCUTS.volumeUp);
      await until('volume up', () => player().volumePercent !== volume);
      const up = player().volumePercent;
      await press(USER_SHORTCUTS.volumeDown);
      await until('volume down', () => player().volumePercent !== up);
      const current = await booted.waitFor<string>('the current track in the app', async () => {
        const snapshot = await ipc<{ item: { uri: string } | null }>(booted, 'player:getSnapshot');
        return snapshot.item?.uri === player().itemUri ? snapshot.item.uri : undefined;
      });
      const liked = () => sim().player.likedUris().includes(current);
      const likedBefore = liked();
      await press(USER_SHORTCUTS.toggleLike);
      await until('like', () => liked() !== likedBefore);
      const visible = (await booted.state()).windows[0]!.visible;
      await press(USER_SHORTCUTS.showHide);
      await booted.waitFor('show/hide', (s) => s.windows[0]!.visible !== visible);

      // What the settings page is told about keys that cannot be had.
      await ipc(booted, 'settings:update', {
        shortcuts: { next: USER_SHORTCUTS.playPause, previous: 'A', volumeUp: 'CommandOrControl+Shift+F9' },
      });
      status = await shortcutStatus(booted);
      expect({ next: status.next, previous: status.previous, volumeUp: status.volumeUp }).toEqual({
        next: 'duplicate',
        previous: 'invalid',
        volumeUp: 'conflict',
      });
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });

    it('a track change while the window is hidden is notified; a refused notification is said once and nothing breaks', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      const booted = await suite.boot();
      await signIn(booted, platform, sim());
      await ipc(booted, 'settings:update', { notifyOnTrackChange: true });
      // The suite's simulator may be playing already (an earlier scenario): only a paused player is started.
      if (!sim().player.snapshot().isPlaying) {
        await chooseFromTray(booted, platform, 'play-pause');
        await until('playing', () => sim().player.snapshot().isPlaying);
      }
      await ipc(booted, 'ui:hide');
      await booted.waitFor('hidden', (s) => s.windows[0]?.visible === false);
      const first = sim().player.snapshot().itemUri;
      await booted.call('pressShortcut', { accelerator: 'MediaNextTrack' });
      await until('the next track', () => sim().player.snapshot().itemUri !== first);
      const shown = await booted.waitFor('the notification', (s) => s.notifications.find((n) => n.shown));
      expect(shown.title.length).toBeGreaterThan(0);
      await booted.call('failNotification', { error: 'notifications are turned off for this app' });
      await booted.call('failNotification', { error: 'notifications are turned off for this app' });
      const warnings = booted
        .output()
        .split('\n')
        .filter((line) => line.includes('did not show a notification'));
      expect(warnings).toHaveLength(1);
      expect((await appState(booted)).account).toBe('signed-in');
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });

    it('macOS: media keys wait for Accessibility, the settings can open its pane; elsewhere they just register', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      const booted = await suite.boot({ accessibility: 'untrusted' });
      await booted.waitFor('the window', (s) => s.windows[0]?.visible);
      const status = await shortcutStatus(booted);
      const state = await appState(booted);
      const registered = (await booted.state()).shortcuts;
      if (platform === 'darwin') {
        expect(status.mediaPlayPause).toBe('needs-accessibility');
        expect(registered).not.toContain('MediaPlayPause');
        expect(state.desktop.mediaKeysNeedAccessibility).toBe(true);
        await ipc(booted, 'settings:openAccessibility');
        const journal = (await booted.state()).journal;
        expect(journal).toContainEqual({
          api: 'systemPreferences.isTrustedAccessibilityClient',
          args: [true],
        });
        expect(
          journal.some(
            (entry) =>
              entry.api === 'shell.openExternal' &&
              String(entry.args[0]).startsWith('x-apple.systempreferences:'),
          ),
        ).toBe(true);
      } else {
        expect(status.mediaPlayPause).toBe('registered');
        expect(registered).toContain('MediaPlayPause');
        expect(state.desktop.mediaKeysNeedAccessibility).toBe(false);
      }
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });

    it('Wayland: the compositor places the window, nothing pins it, and shortcuts wait for the portal', async (ctx) => {
      if (suite.skipReason()) return ctx.skip(suite.skipReason() ?? undefined);
      if (platform !== 'linux') return ctx.skip('Wayland is a Linux session');
      const booted = await suite.boot({ wayland: true });
      await booted.waitFor('the window', (s) => s.windows[0]?.visible);
      let state = await booted.state();
      expect(state.windows[0]!.bounds).toMatchObject({ x: 780, y: 260 }); // where the compositor put it
      expect((await appState(booted)).desktop.wayland).toBe(true);
      await ipc(booted, 'settings:update', {
        alwaysOnTop: true,
        shortcuts: { showHide: USER_SHORTCUTS.showHide },
      });
      state = await booted.state();
      expect(state.windows[0]!.alwaysOnTop).toBe(false);
      expect((await shortcutStatus(booted)).showHide).toBe('pending');
      expect((await appState(booted)).desktop.shortcutChangeNeedsRestart).toBe(true);
      await booted.call('pressShortcut', { accelerator: USER_SHORTCUTS.showHide });
      await booted.waitFor(
        'the bind proved',
        async () => (await shortcutStatus(booted)).showHide === 'registered',
      );
      await chooseFromTray(booted, platform, 'quit');
      await booted.ended;
    });
  });
});
