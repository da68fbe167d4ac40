/**
 * `npm run harness [-- --client-id ID] [--port N] [--open] [--profile P] [--seed N] [--local-player]`: the mini-player in your browser without
 * Electron. Without a client ID it runs against the seeded Spotify simulator (client ID printed below);
 * with one, against real Spotify (register http://127.0.0.1/callback for that app first).
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run harness [-- OPTIONS]

Traytune's main-process core in plain Node, the built mini-player on http://127.0.0.1:PORT/ and the IPC
contract over a WebSocket: the app in any browser, without Electron.

Options:
  --client-id ID  real Spotify with your app's client ID (register http://127.0.0.1/callback for it);
                  without it, the seeded Spotify simulator (its client ID is printed)
  --port N        listen on port N (default: a free port)
  --profile P     the simulator's profile: realistic (default: rate limit, stale reads, reordering…)
                  or lenient (every realism off); see dev/simulator/README.md, "Profiles"
  --seed N        seed of the simulator profile's random choices (default 1)
  --open          open sign-in pages with xdg-open as well as printing them
  --local-player  follow the Spotify app on this computer through MPRIS on your session bus, as the
                  desktop app does on Linux (local mode without an account, and its push channel)
  -h, --help      print this help and exit
`;

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        'client-id': { type: 'string' },
        port: { type: 'string' },
        open: { type: 'boolean' },
        'local-player': { type: 'boolean' },
        profile: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    // parseArgs names the unknown option or the missing value.
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const values = parseCommandLine();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
  console.error(`--port must be a whole number from 0 to 65535, got ${values.port}.`);
  process.exit(2);
}
const profile = values.profile ?? 'realistic';
if (profile !== 'realistic' && profile !== 'lenient') {
  console.error(`--profile must be realistic or lenient, got ${profile}.`);
  process.exit(2);
}
const randomSeed = values.seed === undefined ? 1 : Number(values.seed);
if (!Number.isInteger(randomSeed)) {
  console.error(`--seed must be a whole number, got ${values.seed}.`);
  process.exit(2);
}
if (values['client-id'] !== undefined && (values.profile !== undefined || values.seed !== undefined)) {
  console.error(
    '--profile and --seed choose how the simulator behaves: they make no sense with --client-id.',
  );
  process.exit(2);
}

// Loaded only now, so --help and a bad option answer without starting anything.
const { SEED_CLIENT_ID } = await import('../simulator/index.ts');
const { startHarness } = await import('./harness.ts');
const { describeProfile, formatProfile } = await import('../simulator/profile.ts');

const clientId = values['client-id'];
const openInBrowser = (url: string): Promise<void> => {
  console.info(`[harness] opening ${url}`);
  if (values.open) spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  return Promise.resolve();
};

const harness = await startHarness({
  ...(clientId === undefined ? {} : { clientId }),
  ...(port === undefined ? {} : { port }),
  simulator: { profile, randomSeed },
  openExternal: openInBrowser,
  localPlayer: values['local-player'] === true,
});
console.info(`Traytune harness: ${harness.url}`);
if (harness.sim) {
  console.info(`Backend: Spotify simulator at ${harness.sim.url} (client ID ${SEED_CLIENT_ID})`);
  console.info(formatProfile(describeProfile(harness.sim.profile)));
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
