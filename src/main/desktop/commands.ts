import type { AppCommand } from '../app/cli-commands.ts';
import { steppedVolume } from '../app/shortcuts.ts';
import type { TrayAction } from '../app/tray-menu.ts';
import type { TraytuneApp } from '../app/traytune-app.ts';
import type { CommandResult } from '../../shared/player.ts';

export interface CommandTargets {
  readonly app: TraytuneApp;
  readonly showMiniPlayer: () => void;
  readonly hideMiniPlayer: () => void;
  readonly toggleMiniPlayer: () => void;
  readonly installUpdate: () => void;
  readonly quit: () => void;
}

/**
 * Runs a command from the tray, a global shortcut or the command line through the same handlers the
 * renderer calls. Player failures come back as values and show up in the snapshot, so only a rejected
 * handler (a bug) is logged here.
 */
export function runCommand(targets: CommandTargets, command: AppCommand | TrayAction): void {
  void execute(targets, command).catch((error: unknown) => {
    console.error(`[command] ${command.type} failed:`, error);
  });
}

async function execute(targets: CommandTargets, command: AppCommand | TrayAction): Promise<unknown> {
  const { handlers } = targets.app;
  const snapshot = () => targets.app.getSnapshot();
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
      return stepVolume(targets, command.type === 'volumeUp' ? 1 : -1);
    case 'transfer':
      return handlers['player:transfer']({ deviceId: command.deviceId });
    case 'refreshDevices':
      return handlers['player:refreshDevices'](undefined);
    case 'show':
      return targets.showMiniPlayer();
    case 'hide':
      return targets.hideMiniPlayer();
    case 'showHide':
      return targets.toggleMiniPlayer();
    // Onboarding, the sign-in progress and the settings all live in the mini-player.
    case 'setUp':
      targets.app.showPanel('onboarding');
      return targets.showMiniPlayer();
    case 'openSettings':
      targets.app.showPanel('settings');
      return targets.showMiniPlayer();
    case 'installUpdate':
      return targets.installUpdate();
    case 'signIn':
      targets.showMiniPlayer();
      return handlers['auth:signIn'](undefined);
    case 'cancelSignIn':
      return handlers['auth:cancelSignIn'](undefined);
    case 'signOut':
      return handlers['auth:signOut'](undefined);
    case 'quit':
      return targets.quit();
  }
}

function stepVolume(targets: CommandTargets, direction: 1 | -1): Promise<CommandResult> | undefined {
  const snapshot = targets.app.getSnapshot();
  const percent = steppedVolume(snapshot.volumePercent ?? snapshot.device?.volumePercent ?? null, direction);
  if (percent === null) return undefined;
  return targets.app.handlers['player:setVolume']({ percent });
}
