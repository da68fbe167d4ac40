import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID } from '../../../dev/simulator/index.ts';

const CLI = fileURLToPath(new URL('../../../dev/simulator/cli.ts', import.meta.url));

describe('standalone command', () => {
  // Runs the file with plain Node (native type stripping), as `npm run simulator` does.
  it('prints its URLs and the seed client ID, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--contract'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('redirect URIs')) resolve();
      });
      child.on('exit', () => reject(new Error(`cli exited early:\n${output}\n${errors}`)));
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toContain(`client ID: ${SEED_CLIENT_ID}`);
    expect(output).toContain(`${url}/v1`);
    const res = await fetch(`${url}/v1/me`);
    expect(res.status).toBe(401);
    child.kill('SIGTERM');
    const code = await exited;
    // Windows has no SIGTERM: kill() ends the process at once, so only POSIX shows the clean shutdown.
    if (process.platform === 'win32') console.warn('[posix-only] not checking the exit code after SIGTERM.');
    else expect(code).toBe(0);
  });
});
