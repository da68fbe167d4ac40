import { afterEach, beforeAll, expect } from 'vitest';
import { startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { loadOpenApiContract, type OpenApiContract } from '../../../dev/simulator/openapi-contract.ts';
import type { ProfileOptions, TrafficRealism } from '../../../dev/simulator/profile.ts';

/** Every traffic realism off: a test turns on only the behaviour it is about. */
const TRAFFIC_OFF: Partial<TrafficRealism> = {
  rateLimitRequests: 0,
  dailyQuotaRequests: 0,
  staleReadMaxMs: 0,
  staleReadMinMs: 0,
  reorderProbability: 0,
  commandAnswerWeights: { '204': 1, '200-text': 0, '202': 0 },
};

/**
 * `start(options)` starts a simulator checked against openapi.yml; after each test every one started
 * must have sent only answers that keep the contract (or docs/SPOTIFY.md's documented deviations).
 */
export function realisticSimulators(): (options?: ProfileOptions) => Promise<Simulator> {
  let contract: OpenApiContract;
  const started: Simulator[] = [];
  beforeAll(async () => {
    contract = await loadOpenApiContract();
  });
  afterEach(async () => {
    const all = started.splice(0);
    for (const sim of all) expect(sim.contractViolations).toEqual([]);
    await Promise.all(all.map((sim) => sim.close()));
  });
  return async (options = { profile: 'realistic' }) => {
    const sim = await startSimulator({ contract, ...options });
    started.push(sim);
    return sim;
  };
}

/**
 * Only the given traffic settings on (lenient content, every other traffic setting off), so a test sees
 * one behaviour and nothing else.
 */
export function only(traffic: Partial<TrafficRealism>, randomSeed = 1): ProfileOptions {
  return { profile: 'lenient', randomSeed, realism: { traffic: { ...TRAFFIC_OFF, ...traffic } } };
}
