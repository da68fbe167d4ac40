import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  describeProfile,
  formatProfile,
  LENIENT_TRAFFIC,
  REALISTIC_TRAFFIC,
  resolveProfile,
} from '../../../dev/simulator/profile.ts';
import { realisticSimulators } from './realistic-helpers.ts';

const start = realisticSimulators();
const CLI = fileURLToPath(new URL('../../../dev/simulator/cli.ts', import.meta.url));

const valueOf = (settings: readonly { setting: string; value: string }[], name: string) =>
  settings.find((s) => s.setting === name)?.value;

describe('profiles', () => {
  it('default to lenient, with every traffic realism off', () => {
    const profile = resolveProfile();
    expect(profile).toMatchObject({ name: 'lenient', seed: 1, traffic: LENIENT_TRAFFIC });
    const { settings } = describeProfile(profile);
    for (const name of ['traffic.rateLimit', 'traffic.dailyQuota', 'traffic.staleReads', 'traffic.reorder'])
      expect(valueOf(settings, name), name).toBe('off');
  });

  it('describe every realistic setting with its value', () => {
    const description = describeProfile(resolveProfile({ profile: 'realistic', randomSeed: 9 }));
    expect(description).toMatchObject({ profile: 'realistic', seed: 9 });
    expect(valueOf(description.settings, 'traffic.rateLimit')).toBe('30 requests / 30 s');
    expect(valueOf(description.settings, 'traffic.dailyQuota')).toBe('1400 requests / rolling 24 h');
    expect(valueOf(description.settings, 'traffic.staleReads')).toBe('200-1500 ms (seeded)');
    expect(valueOf(description.settings, 'traffic.reorder')).toBe('p=0.25 within 100 ms (seeded)');
    expect(valueOf(description.settings, 'traffic.commandAnswers')).toBe(
      '204: 0.5, 200-text: 0.35, 202: 0.15',
    );
    expect(description.settings.some((s) => s.setting.startsWith('content.'))).toBe(true);
    expect(formatProfile(description)).toMatch(
      /^simulator profile: realistic \(seed 9\)\n {2}traffic\.rateLimit +30 requests/,
    );
  });

  it('take single overrides and refuse nonsense with the setting named', () => {
    const profile = resolveProfile({ profile: 'realistic', realism: { traffic: { rateLimitRequests: 5 } } });
    expect(profile.traffic).toEqual({ ...REALISTIC_TRAFFIC, rateLimitRequests: 5 });
    expect(() => resolveProfile({ realism: { traffic: { rateLimitRequests: -1 } } })).toThrow(
      'realism.traffic.rateLimitRequests must be an integer >= 0, got -1',
    );
    expect(() =>
      resolveProfile({ realism: { traffic: { staleReadMinMs: 900, staleReadMaxMs: 800 } } }),
    ).toThrow(/staleReadMinMs \(900\) must not exceed staleReadMaxMs \(800\)/);
    expect(() => resolveProfile({ realism: { traffic: { reorderProbability: 2 } } })).toThrow(/0\.\.1/);
    expect(() =>
      resolveProfile({
        realism: { traffic: { commandAnswerWeights: { '204': 0, '200-text': 0, '202': 0 } } },
      }),
    ).toThrow(/commandAnswerWeights/);
    expect(() => resolveProfile({ randomSeed: 1.5 })).toThrow('randomSeed must be an integer, got 1.5');
  });

  it('are served by GET /__sim/profile, which counts against no limit', async () => {
    const sim = await start({
      profile: 'realistic',
      randomSeed: 4,
      realism: { traffic: { rateLimitRequests: 1 } },
    });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${sim.url}/__sim/profile`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(describeProfile(sim.profile))));
    }
    expect(sim.profile).toMatchObject({ name: 'realistic', seed: 4 });
    expect(sim.requests.entries).toEqual([]);
  });

  it('are chosen and printed by the standalone command: --profile realistic --seed N', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--profile', 'realistic', '--seed', '42'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('redirect URIs')) resolve();
      });
      child.on('exit', () => reject(new Error(`cli exited early:\n${output}`)));
    });
    expect(output).toContain('simulator profile: realistic (seed 42)');
    expect(output).toMatch(/traffic\.rateLimit +30 requests \/ 30 s/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const res = await fetch(`${url}/__sim/profile`);
    expect(await res.json()).toMatchObject({ profile: 'realistic', seed: 42 });
    child.kill();
    await exited;
  });

  it('refuse an unknown --profile on the command line', async () => {
    const child = spawn(process.execPath, [CLI, '--profile', 'harsh'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(errors).toContain('--profile must be lenient or realistic, got harsh');
  });
});
