import { describe, expect, it } from 'vitest';
import { COMMAND_TEXT_BODY, type Simulator } from '../../../dev/simulator/index.ts';
import { deviationProblems } from '../../../dev/simulator/contract-deviations.ts';
import { loadOpenApiContract } from '../../../dev/simulator/openapi-contract.ts';
import { call, userToken, type ApiAnswer } from './helpers.ts';
import { only, realisticSimulators } from './realistic-helpers.ts';

const start = realisticSimulators();

const style = (answer: ApiAnswer): string => {
  if (answer.status === 204 && answer.text === '') return '204';
  if (answer.status === 202 && answer.text === '') return '202';
  if (
    answer.status === 200 &&
    answer.text === COMMAND_TEXT_BODY &&
    answer.contentType?.startsWith('text/plain')
  )
    return '200-text';
  return `unexpected ${answer.status} ${answer.contentType ?? ''} ${answer.text}`;
};

/** `n` successful commands (volume changes): the answer styles seen, in order. */
async function styles(sim: Simulator, token: string, n: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < n; i++)
    seen.push(style(await call(sim, token, 'PUT', `/me/player/volume?volume_percent=${i}`)));
  return seen;
}

describe('realistic profile: successful commands answer 204, 200 with text, or 202', () => {
  it('mixes all three, each one keeping openapi.yml or docs/SPOTIFY.md', async () => {
    // The realistic default weights; the other traffic rules off so 40 commands all succeed.
    const sim = await start(only({ commandAnswerWeights: { '204': 0.5, '200-text': 0.35, '202': 0.15 } }));
    const seen = await styles(sim, await userToken(sim), 40);
    expect(new Set(seen)).toEqual(new Set(['204', '200-text', '202']));
    // afterEach: sim.contractViolations is empty.
  });

  it('draws the same mix for the same seed and another for another seed', async () => {
    const run = async (seed: number) => {
      const sim = await start(only({ commandAnswerWeights: { '204': 1, '200-text': 1, '202': 1 } }, seed));
      return styles(sim, await userToken(sim), 12);
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect(await run(6)).not.toEqual(first);
  });

  it('answers every command in the style setCommandResponseStyle pins', async () => {
    const sim = await start();
    const token = await userToken(sim);
    for (const pinned of ['202', '200-text', '204'] as const) {
      sim.setCommandResponseStyle(pinned);
      expect(await styles(sim, token, 3)).toEqual([pinned, pinned, pinned]);
      sim.clock.advance(30_000); // out of the rate limit's window
    }
  });

  it('leaves refusals as they are', async () => {
    const sim = await start(only({ commandAnswerWeights: { '204': 0, '200-text': 0, '202': 1 } }));
    const token = await userToken(sim);
    expect((await call(sim, token, 'PUT', '/me/player/volume?volume_percent=101')).status).toBe(400);
    expect((await call(sim, token, 'PUT', '/me/player/pause')).status).toBe(202);
  });

  it('answers 204 only in the lenient profile', async () => {
    const sim = await start({ profile: 'lenient' });
    expect(new Set(await styles(sim, await userToken(sim), 20))).toEqual(new Set(['204']));
  });

  it('holds a command’s 202 to docs/SPOTIFY.md: no body', async () => {
    const contract = await loadOpenApiContract();
    const answer = (body: string) => ({ status: 202, headers: {}, body });
    expect(deviationProblems(contract, 'PUT', '/v1/me/player/pause', answer(''))).toEqual([]);
    expect(deviationProblems(contract, 'PUT', '/v1/me/player/pause', answer('{}'))).toEqual([
      "a command's 202 must have no body",
    ]);
    expect(deviationProblems(contract, 'GET', '/v1/me', answer(''))).toBeUndefined();
  });
});
