import type { AppCommand } from './cli-commands.ts';
import { isInternal, toAppError } from './errors.ts';
import { steppedVolume } from './shortcuts.ts';
import type { TrayAction } from './tray-menu.ts';
import type { AccountStatus, RequestedPanel } from '../../shared/app-state.ts';
import type { ChannelHandlers } from '../../shared/ipc/contract.ts';
import type { PlayerSnapshot } from '../../shared/player.ts';

/**
 * Commands from outside the mini-player (the tray menu, a global shortcut, the command line), run through
 * the same contract handlers the renderer calls. Plain: the desktop hands in the handlers, the reads and
 * the few things only it can do (show the window, ask the user, quit).
 */

export type Command = AppCommand | TrayAction;

/** The contract's channels commands go through. */
type CommandChannel =
  | 'player:togglePlay'
  | 'player:next'
  | 'player:previous'
  | 'player:toggleLike'
  | 'player:setVolume'
  | 'player:setShuffle'
  | 'player:setRepeat'
  | 'player:transfer'
  | 'player:refreshDevices'
  | 'auth:signIn'
  | 'auth:cancelSignIn'
  | 'auth:signOut'
  | 'ui:copyText';

export interface CommandTargets {
  readonly handlers: Pick<ChannelHandlers, CommandChannel>;
  /** The player as the app shows it now (play and pause, shuffle and repeat decide from it). */
  readonly getSnapshot: () => PlayerSnapshot;
  readonly getAccount: () => AccountStatus;
  /** Asks the mini-player for a panel (the tray's Settings… and Set up…). */
  readonly showPanel: (panel: RequestedPanel) => void;
  readonly showMiniPlayer: () => void;
  readonly hideMiniPlayer: () => void;
  readonly toggleMiniPlayer: () => void;
  readonly installUpdate: () => void;
  readonly quit: () => void;
  /** Asks the user whether to sign out: true for "Sign out", false for Cancel (and Escape). */
  readonly confirmSignOut: () => Promise<boolean>;
  /**
   * Tells the user a command failed. Commands come from places with nowhere to show an error (the tray,
   * a shortcut): player failures show in the snapshot, so this is for the rest (the clipboard refused).
   */
  readonly tell: (message: string) => void;
  /** Where a failure that is a bug (no typed error) is logged; the user is told a generic text. */
  readonly logBug: (message: string, error: unknown) => void;
}

export interface CommandRunner {
  /** Carries the command out; never rejects (a failure is told, see CommandTargets.tell). */
  run(command: Command): Promise<void>;
}

export function createCommandRunner(targets: CommandTargets): CommandRunner {
  const { handlers } = targets;
  // One sign-out question at a time: a second "Sign out" while the box is open adds nothing.
  let askingToSignOut = false;

  const signOut = async (): Promise<unknown> => {
    if (askingToSignOut) return undefined;
    askingToSignOut = true;
    let confirmed: boolean;
    try {
      confirmed = await targets.confirmSignOut();
    } finally {
      askingToSignOut = false;
    }
    // Signed out (or another sign-in begun) while the box was open: there is nothing left to confirm.
    if (!confirmed || targets.getAccount() !== 'signed-in') return undefined;
    return handlers['auth:signOut'](undefined);
  };

  const stepVolume = (direction: 1 | -1): Promise<unknown> | undefined => {
    const snapshot = targets.getSnapshot();
    const percent = steppedVolume(
      snapshot.volumePercent ?? snapshot.device?.volumePercent ?? null,
      direction,
    );
    return percent === null ? undefined : handlers['player:setVolume']({ percent });
  };

  const execute = (command: Command): Promise<unknown> | undefined => {
    const snapshot = targets.getSnapshot;
    switch (command.type) {
      case 'togglePlay':
        return handlers['player:togglePlay'](undefined);
      // The contract has a toggle only: play and pause toggle when the state is the other one.
      case 'play':
        return snapshot().isPlaying ? undefined : handlers['player:togglePlay'](undefined);
      case 'pause':
        return snapshot().isPlaying ? handlers['player:togglePlay'](undefined) : undefined;
      case 'next':
        return handlers['player:next'](undefined);
      case 'previous':
        return handlers['player:previous'](undefined);
      case 'toggleLike':
        return handlers['player:toggleLike'](undefined);
      case 'volumeUp':
      case 'volumeDown':
        return stepVolume(command.type === 'volumeUp' ? 1 : -1);
      // The menu's item says what it sets; already so (another device got there first), nothing is sent.
      case 'setShuffle':
        return snapshot().shuffle === command.on
          ? undefined
          : handlers['player:setShuffle']({ on: command.on });
      case 'setRepeat':
        return snapshot().repeat === command.mode
          ? undefined
          : handlers['player:setRepeat']({ mode: command.mode });
      case 'copy':
        return handlers['ui:copyText']({ text: command.text });
      case 'transfer':
        return handlers['player:transfer']({ deviceId: command.deviceId });
      case 'refreshDevices':
        return handlers['player:refreshDevices'](undefined);
      case 'show':
        return void targets.showMiniPlayer();
      case 'hide':
        return void targets.hideMiniPlayer();
      case 'showHide':
        return void targets.toggleMiniPlayer();
      // Onboarding, the sign-in progress and the settings all live in the mini-player.
      case 'setUp':
        targets.showPanel('onboarding');
        return void targets.showMiniPlayer();
      case 'openSettings':
        targets.showPanel('settings');
        return void targets.showMiniPlayer();
      case 'installUpdate':
        return void targets.installUpdate();
      case 'signIn':
        targets.showMiniPlayer();
        return handlers['auth:signIn'](undefined);
      case 'cancelSignIn':
        return handlers['auth:cancelSignIn'](undefined);
      case 'signOut':
        return signOut();
      case 'quit':
        return void targets.quit();
    }
  };

  return {
    async run(command) {
      try {
        await execute(command);
      } catch (error) {
        const shown = toAppError(error);
        // Typed errors carry a message written for the user; anything else is a bug, logged in full.
        if (isInternal(shown)) targets.logBug(`[command] ${command.type} failed:`, error);
        targets.tell(shown.message);
      }
    },
  };
}
