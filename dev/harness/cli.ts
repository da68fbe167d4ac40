/**
 * `npm run harness [-- --client-id ID] [--port N]`: the mini-player in your browser without Electron.
 * Without a client ID it runs against the seeded Spotify simulator (client ID printed below); with one,
 * against real Spotify (register http://127.0.0.1/callback for that app first).
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { SEED_CLIENT_ID } from '../simulator/index.ts';
import { startHarness } from './harness.ts';

const { values } = parseArgs({
  options: { 'client-id': { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean' } },
});
const clientId = values['client-id'];
const openInBrowser = (url: string): Promise<void> => {
  console.info(`[harness] opening ${url}`);
  if (values.open) spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  return Promise.resolve();
};

const harness = await startHarness({
  ...(clientId === undefined ? {} : { clientId }),
  ...(values.port === undefined ? {} : { port: Number(values.port) }),
  openExternal: openInBrowser,
});
console.info(`Traytune harness: ${harness.url}`);
if (harness.sim) {
  console.info(`Backend: Spotify simulator at ${harness.sim.url} (client ID ${SEED_CLIENT_ID})`);
  console.info('Sign-in opens the simulator consent page: the URL is printed here (--open launches it).');
} else {
  console.info('Backend: real Spotify');
}
const stop = async (): Promise<void> => {
  await harness.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
