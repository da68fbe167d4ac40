import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { ContentRealism } from '../../../dev/simulator/content-profile.ts';
import { startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { loadOpenApiContract, type OpenApiContract } from '../../../dev/simulator/openapi-contract.ts';
import { LENIENT_TRAFFIC, type ProfileName } from '../../../dev/simulator/profile.ts';
import { call, userToken, type ApiAnswer } from './helpers.ts';

/**
 * A fresh simulator per test with the given profile's content half (traffic realism off, so rate limits,
 * stale reads and answer mixes do not blur what the test is about), openapi.yml checked on every
 * answer, and a user token. After each test no answer may have broken the contract, unless the test
 * says it breaks it on purpose (`ctx.allowViolations()`).
 */
export interface ContentContext {
  sim: Simulator;
  token: string;
  api(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  allowViolations(): void;
}

export function contentSimulatorPerTest(
  profile: ProfileName,
  content: Partial<ContentRealism> = {},
  options: { country?: string } = {},
): ContentContext {
  let contract: OpenApiContract;
  let allow = false;
  const ctx: ContentContext = {
    sim: undefined as unknown as Simulator,
    token: '',
    api: (method, path, body) => call(ctx.sim, ctx.token, method, path, body),
    allowViolations: () => {
      allow = true;
    },
  };
  beforeAll(async () => {
    contract = await loadOpenApiContract();
  });
  beforeEach(async () => {
    allow = false;
    ctx.sim = await startSimulator({
      contract,
      profile,
      realism: { content, traffic: LENIENT_TRAFFIC },
    });
    if (options.country !== undefined) {
      ctx.sim.addUser({ id: 'abroad', displayName: 'Abroad', country: options.country });
      ctx.sim.setConsentUser('abroad');
    }
    ctx.token = await userToken(ctx.sim);
  });
  afterEach(async () => {
    if (!allow) expect(ctx.sim.contractViolations).toEqual([]);
    await ctx.sim.close();
  });
  return ctx;
}

/** The catalogue URI of the track called `name`. */
export function trackNamed(sim: Simulator, name: string): string {
  const track = sim.player.catalogue().find((t) => t.name === name);
  if (!track) throw new Error(`no track ${name}`);
  return track.uri;
}

export interface PlayerBody {
  device: { id: string | null; name: string };
  is_playing: boolean;
  progress_ms: number;
  item?: { type: string; uri: string; id?: string; is_local?: boolean; name: string; duration_ms: number };
  currently_playing_type: string;
  actions: { disallows: Record<string, boolean> };
}

export async function playerBody(ctx: ContentContext, query = ''): Promise<PlayerBody> {
  const answer = await ctx.api('GET', `/me/player${query}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.body as PlayerBody;
}

/** The disallowed actions, sorted. */
export async function disallowed(ctx: ContentContext): Promise<string[]> {
  return Object.keys((await playerBody(ctx)).actions.disallows).sort();
}

/** Plays out what is loaded to its end (simulator clock). */
export async function playOut(ctx: ContentContext): Promise<void> {
  const body = await playerBody(ctx, '?additional_types=track,episode');
  const duration = body.item?.duration_ms ?? 60_000;
  ctx.sim.clock.advance(duration - body.progress_ms);
}

export function expectRefusal(answer: ApiAnswer, status: number, reason?: string): void {
  expect(answer.status, answer.text).toBe(status);
  const error = (answer.body as { error?: { status: number; reason?: string } }).error;
  expect(error?.status).toBe(status);
  if (reason !== undefined) expect(error?.reason).toBe(reason);
}
