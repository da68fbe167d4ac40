/**
 * commandOverheadMs: real time on loopback, no fake clock. From a command call to the moment its request
 * reaches the simulator (Node's `http.server.request.start` diagnostics channel fires when the server has
 * parsed the request head, just before its 'request' event; same process, so `performance.now()` on both
 * sides is one clock). Sequential absolute commands (volume), each awaited before the next. Measured
 * through the engine (what the tray and hotkeys call), through the bare Web API client, and, as the
 * baseline of the same run, as a plain undici request with a fixed token (the floor this machine and
 * its load allow: loopback, HTTP parsing, scheduling).
 *
 * Warm-up: `warmup` commands through a throwaway engine and client first (JIT, simulator code paths), then
 * a fresh engine and a fresh client for each round of measured commands, so the new-connection count
 * includes the connection(s) keep-alive needs. Rounds guard against a burst of load on a shared machine
 * deciding the p99 alone: the headline is the median round, every round is in the results.
 */
import { Pool } from 'undici';
import { startSimulator, type Simulator } from '../dev/simulator/index.ts';
import type { AuthSession } from '../src/main/auth/index.ts';
import { createSpotifyApi, type SpotifyWebApi } from '../src/main/spotify/index.ts';
import { PlayerEngine, systemScheduler } from '../src/main/spotify/player/index.ts';
import { systemClock } from '../src/main/util/clock.ts';
import { ArrivalProbe } from './lib/arrival-probe.ts';
import { signIn } from './lib/sign-in.ts';
import { mean, percentile, round } from './lib/stats.ts';

export interface OverheadOptions {
  /** Commands per round and path. */
  commands: number;
  warmup: number;
  /** Rounds (fresh engine and client each); the headline is the round with the median p99. */
  rounds: number;
}

export interface PathOverhead {
  commands: number;
  p50: number | null;
  p99: number | null;
  mean: number | null;
  max: number | null;
  /** TCP connections the simulator accepted from this path (engine: including its start-up read). */
  newConnections: number;
  /** Commands whose request was not seen, or that failed (should be 0). */
  missing: number;
  failed: number;
}

export interface OverheadResult {
  /** The round with the median p99 (of `rounds`), per path. */
  engine: PathOverhead;
  client: PathOverhead;
  /** Plain undici request, no client or engine: the floor. */
  baseline: PathOverhead;
  warmup: number;
  rounds: { engine: PathOverhead; client: PathOverhead; baseline: PathOverhead }[];
}

type Send = (percent: number) => Promise<boolean>;

interface Samples {
  latencies: number[];
  missing: number;
  failed: number;
}

async function measure(probe: ArrivalProbe, commands: number, send: Send): Promise<Samples> {
  const result: Samples = { latencies: [], missing: 0, failed: 0 };
  for (let i = 0; i < commands; i++) {
    const percent = 10 + (i % 80);
    probe.expect(`PUT /v1/me/player/volume?volume_percent=${percent}`);
    const start = performance.now();
    const ok = await send(percent);
    const arrived = probe.take();
    if (!ok) result.failed++;
    if (arrived === null) result.missing++;
    else result.latencies.push(arrived - start);
  }
  return result;
}

function summarizePath(samples: Samples, commands: number, newConnections: number): PathOverhead {
  const { latencies } = samples;
  return {
    commands,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    mean: round(mean(latencies)),
    max: round(latencies.length === 0 ? null : Math.max(...latencies)),
    newConnections,
    missing: samples.missing,
    failed: samples.failed,
  };
}

function medianRound(paths: PathOverhead[]): PathOverhead {
  const sorted = [...paths].sort((a, b) => (a.p99 ?? Infinity) - (b.p99 ?? Infinity));
  return sorted[Math.floor((sorted.length - 1) / 2)] as PathOverhead;
}

function newApi(sim: Simulator, session: AuthSession): SpotifyWebApi {
  return createSpotifyApi({ tokens: session, baseUrl: sim.apiUrl });
}

async function throughEngine(
  sim: Simulator,
  session: AuthSession,
  probe: ArrivalProbe,
  commands: number,
): Promise<PathOverhead> {
  const api = newApi(sim, session);
  sim.connections.reset();
  const engine = new PlayerEngine({ api, clock: systemClock, scheduler: systemScheduler, session });
  try {
    await engine.start();
    const samples = await measure(probe, commands, async (percent) => (await engine.setVolume(percent)).ok);
    await engine.settled();
    return summarizePath(samples, commands, sim.connections.count());
  } finally {
    engine.stop();
    await api.client.close();
  }
}

async function throughClient(
  sim: Simulator,
  session: AuthSession,
  probe: ArrivalProbe,
  commands: number,
): Promise<PathOverhead> {
  const api = newApi(sim, session);
  sim.connections.reset();
  try {
    const samples = await measure(probe, commands, (percent) =>
      api.setVolume(percent).then(
        () => true,
        () => false,
      ),
    );
    return summarizePath(samples, commands, sim.connections.count());
  } finally {
    await api.client.close();
  }
}

async function throughUndici(
  sim: Simulator,
  session: AuthSession,
  probe: ArrivalProbe,
  commands: number,
): Promise<PathOverhead> {
  const url = new URL(sim.apiUrl);
  const pool = new Pool(url.origin, { connections: 4 });
  const authorization = `Bearer ${await session.getAccessToken()}`;
  sim.connections.reset();
  try {
    const samples = await measure(probe, commands, async (percent) => {
      const response = await pool.request({
        method: 'PUT',
        path: `${url.pathname}/me/player/volume?volume_percent=${percent}`,
        headers: { authorization },
      });
      await response.body.dump();
      return response.statusCode >= 200 && response.statusCode < 300;
    });
    return summarizePath(samples, commands, sim.connections.count());
  } finally {
    await pool.close();
  }
}

export async function measureCommandOverhead(options: OverheadOptions): Promise<OverheadResult> {
  const sim = await startSimulator();
  const probe = new ArrivalProbe(sim.url);
  try {
    const session = await signIn(sim);
    if (options.warmup > 0) {
      await throughEngine(sim, session, probe, options.warmup);
      await throughClient(sim, session, probe, options.warmup);
      await throughUndici(sim, session, probe, options.warmup);
    }
    const rounds: OverheadResult['rounds'] = [];
    for (let round = 0; round < Math.max(1, options.rounds); round++) {
      const engine = await throughEngine(sim, session, probe, options.commands);
      const client = await throughClient(sim, session, probe, options.commands);
      const baseline = await throughUndici(sim, session, probe, options.commands);
      rounds.push({ engine, client, baseline });
    }
    return {
      engine: medianRound(rounds.map((round) => round.engine)),
      client: medianRound(rounds.map((round) => round.client)),
      baseline: medianRound(rounds.map((round) => round.baseline)),
      warmup: options.warmup,
      rounds,
    };
  } finally {
    probe.close();
    await sim.close();
  }
}
