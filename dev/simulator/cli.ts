/**
 * Standalone simulator: `node dev/simulator/cli.ts [--port N] [--no-seed] [--contract] [--real-time]
 * [--profile lenient|realistic] [--seed N]`. The profile (default lenient) is printed setting by setting;
 * `--seed` seeds its random choices.
 * `--contract` checks every Web API answer against openapi.yml and prints violations. `--real-time`
 * runs the clock on wall time (playback progresses by itself; /__sim/clock/advance still jumps ahead);
 * without it the clock only moves through the control surface.
 */
import { parseArgs } from 'node:util';
import { realTimeClock } from './clock.ts';
import { SEED_CLIENT_ID, SEED_REDIRECT_URIS, startSimulator } from './index.ts';
import type { OpenApiContract } from './openapi-contract.ts';
import { describeProfile, formatProfile, type ProfileName } from './profile.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'no-seed': { type: 'boolean', default: false },
    contract: { type: 'boolean', default: false },
    'real-time': { type: 'boolean', default: false },
    profile: { type: 'string', default: 'lenient' },
    seed: { type: 'string', default: '1' },
  },
});
if (values.profile !== 'lenient' && values.profile !== 'realistic') {
  console.error(`--profile must be lenient or realistic, got ${values.profile}`);
  process.exit(2);
}
const profile: ProfileName = values.profile;
const randomSeed = Number(values.seed);
if (!Number.isInteger(randomSeed)) {
  console.error(`--seed must be an integer, got ${values.seed}`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`);
  process.exit(2);
}

let contract: OpenApiContract | undefined;
if (values.contract) contract = await (await import('./openapi-contract.ts')).loadOpenApiContract();
const sim = await startSimulator({
  port,
  seed: !values['no-seed'],
  profile,
  randomSeed,
  ...(contract ? { contract } : {}),
  ...(values['real-time'] ? { clock: realTimeClock() } : {}),
});

console.log(`Spotify simulator listening on ${sim.url}`);
console.log(`  accounts:  ${sim.accountsUrl}/authorize, ${sim.accountsUrl}/api/token`);
console.log(`  web api:   ${sim.apiUrl}`);
console.log(`  control:   ${sim.url}/__sim`);
console.log(formatProfile(describeProfile(sim.profile)));
if (!values['no-seed']) {
  console.log(`  client ID: ${SEED_CLIENT_ID}`);
  console.log(`  redirect URIs (any port): ${SEED_REDIRECT_URIS.join(', ')}`);
}

if (contract) {
  let reported = 0;
  setInterval(() => {
    for (const v of sim.contractViolations.slice(reported)) {
      console.error(`[contract] ${v.method} ${v.path} ${v.status}: ${v.problems.join('; ')}`);
    }
    reported = sim.contractViolations.length;
  }, 500).unref();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
