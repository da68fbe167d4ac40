/**
 * src/main/desktop/updates.ts with a fake updater (electron-updater itself needs a running Electron):
 * packaged builds only, the setting read before every check, errors logged and never thrown.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startUpdateChecks, type UpdateLogger, type Updater } from '../../src/main/desktop/updates.ts';

class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: UpdateLogger | null = null;
  checks = 0;
  installs = 0;
  failWith: Error | undefined;
  checkForUpdates(): Promise<null> {
    this.checks++;
    return this.failWith === undefined ? Promise.resolve(null) : Promise.reject(this.failWith);
  }
  quitAndInstall(): void {
    this.installs++;
  }
}

function quietLog(): UpdateLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message?: unknown): void => void lines.push(String(message));
  return { lines, info: push, warn: push, error: push };
}

describe('startUpdateChecks', () => {
  let updater: FakeUpdater;
  let loads: number;
  const loadUpdater = (): Promise<Updater> => {
    loads++;
    return Promise.resolve(updater);
  };

  beforeEach(() => {
    vi.useFakeTimers();
    updater = new FakeUpdater();
    loads = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('deb and rpm: a downloaded update waits for Restart to update instead of asking for root at quit', async () => {
    const downloaded: string[] = [];
    const log = quietLog();
    updater.autoInstallOnAppQuit = true; // electron-updater's own default
    const checks = startUpdateChecks({
      isPackaged: true,
      enabled: () => true,
      installOnQuit: false,
      onUpdateDownloaded: (version) => downloaded.push(version),
      loadUpdater,
      log,
    });
    await checks.checkNow();
    expect(updater.autoInstallOnAppQuit).toBe(false);
    updater.emit('update-downloaded', { version: '9.9.9' });
    expect(downloaded).toEqual(['9.9.9']);
    expect(log.lines.at(-1)).toContain('Restart to update');
    expect(checks.installNow()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(updater.installs).toBe(1);
    checks.stop();
  });

  it('does nothing, and loads nothing, in an unpackaged build', async () => {
    const checks = startUpdateChecks({
      isPackaged: false,
      enabled: () => true,
      loadUpdater,
      log: quietLog(),
    });
    expect(checks.active).toBe(false);
    await checks.checkNow();
    await vi.advanceTimersByTimeAsync(24 * 3600_000);
    expect(loads).toBe(0);
  });

  it('checks after the first delay and then on the interval, while the setting is on', async () => {
    let enabled = true;
    const checks = startUpdateChecks({
      isPackaged: true,
      enabled: () => enabled,
      firstCheckAfterMs: 1000,
      intervalMs: 10_000,
      loadUpdater,
      log: quietLog(),
    });
    expect(checks.active).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(updater.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(updater.checks).toBe(1);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(updater.checks).toBe(2);
    enabled = false; // the user turns the setting off: no restart needed
    await vi.advanceTimersByTimeAsync(30_000);
    await checks.checkNow();
    expect(updater.checks).toBe(2);
    enabled = true;
    await checks.checkNow();
    expect(updater.checks).toBe(3);
    checks.stop();
    await vi.advanceTimersByTimeAsync(100_000);
    expect(updater.checks).toBe(3);
    expect(loads).toBe(1);
  });

  it('logs failures (rejections and error events) instead of throwing', async () => {
    const log = quietLog();
    const checks = startUpdateChecks({ isPackaged: true, enabled: () => true, loadUpdater, log });
    updater.failWith = new Error('net::ERR_INTERNET_DISCONNECTED');
    await expect(checks.checkNow()).resolves.toBeUndefined();
    updater.emit('error', new Error('Could not get code signature for running application'));
    expect(log.lines.join('\n')).toMatch(/ERR_INTERNET_DISCONNECTED/);
    expect(log.lines.join('\n')).toMatch(/code signature/);
    checks.stop();
  });

  it('reports a downloaded update and installs it on request', async () => {
    const downloaded: string[] = [];
    const checks = startUpdateChecks({
      isPackaged: true,
      enabled: () => true,
      loadUpdater,
      log: quietLog(),
      onUpdateDownloaded: (version) => downloaded.push(version),
    });
    expect(checks.installNow()).toBe(false);
    await checks.checkNow();
    updater.emit('update-downloaded', { version: '1.2.3' });
    expect(downloaded).toEqual(['1.2.3']);
    expect(checks.installNow()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(updater.installs).toBe(1);
    checks.stop();
  });
});
