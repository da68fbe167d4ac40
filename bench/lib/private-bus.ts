import { spawn } from 'node:child_process';

export interface PrivateBus {
  readonly address: string;
  close(): void;
}

/**
 * A private D-Bus session bus (`dbus-daemon --session`), so the benchmark's fake MPRIS player never meets
 * a developer's own Spotify on their desktop bus. Rejects with the reason when dbus-daemon is missing
 * or does not start.
 */
export function startPrivateBus(timeoutMs = 5_000): Promise<PrivateBus> {
  return new Promise((resolve, reject) => {
    const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let output = '';
    const timer = setTimeout(() => {
      daemon.kill();
      reject(new Error(`dbus-daemon printed no address within ${timeoutMs} ms`));
    }, timeoutMs);
    daemon.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`dbus-daemon could not be started (${error.message}); install the dbus package`));
    });
    daemon.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n')[0]?.trim();
      if (!output.includes('\n') || !line) return;
      clearTimeout(timer);
      resolve({ address: line, close: () => void daemon.kill() });
    });
  });
}
