import {
  CONTENT_MEANINGS,
  LENIENT_CONTENT,
  REALISTIC_CONTENT,
  type ContentRealism,
} from './content-profile.ts';
import type { CommandResponseStyle } from './types.ts';

/**
 * A simulator profile: how much of Spotify's real behaviour the simulator plays out. `realistic` is the
 * default for the end-to-end tests and the benchmark; `lenient` (every realism off) is for tests that
 * need exact control. Every setting is seeded and can be overridden one by one.
 */
export type ProfileName = 'lenient' | 'realistic';

/**
 * The traffic half: how Spotify treats the stream of requests (content-profile.ts holds what plays).
 * dev/simulator/README.md ("Profiles") gives each realistic default and why.
 */
export interface TrafficRealism {
  /** Web API requests per app (client ID) in any rolling window; 0 = no limit. */
  readonly rateLimitRequests: number;
  readonly rateLimitWindowMs: number;
  /** Web API requests per app in any rolling 24 hours; past it, 429 QUOTA_EXCEEDED. 0 = no quota. */
  readonly dailyQuotaRequests: number;
  /** After a player command, that user's player reads answer the state from before it for a seeded */
  readonly staleReadMinMs: number;
  /** … length between min and max (simulator clock). max 0 = reads are always fresh. */
  readonly staleReadMaxMs: number;
  /** Chance that a command arriving within `reorderWithinMs` of the user's previous PUT command lands first. */
  readonly reorderProbability: number;
  readonly reorderWithinMs: number;
  /** Relative weights of the answer styles of successful commands (`setCommandResponseStyle` overrides). */
  readonly commandAnswerWeights: Readonly<Record<CommandResponseStyle, number>>;
}

/** Every style a successful player command may answer in, in the order describeProfile lists them. */
export const COMMAND_RESPONSE_STYLES: readonly CommandResponseStyle[] = ['204', '200-text', '202'];

export const DAY_MS = 24 * 60 * 60_000;

export const LENIENT_TRAFFIC: TrafficRealism = Object.freeze({
  rateLimitRequests: 0,
  rateLimitWindowMs: 30_000,
  dailyQuotaRequests: 0,
  staleReadMinMs: 0,
  staleReadMaxMs: 0,
  reorderProbability: 0,
  reorderWithinMs: 100,
  commandAnswerWeights: Object.freeze({ '204': 1, '200-text': 0, '202': 0 }),
});

export const REALISTIC_TRAFFIC: TrafficRealism = Object.freeze({
  rateLimitRequests: 30,
  rateLimitWindowMs: 30_000,
  dailyQuotaRequests: 1400,
  staleReadMinMs: 200,
  staleReadMaxMs: 1500,
  reorderProbability: 0.25,
  reorderWithinMs: 100,
  commandAnswerWeights: Object.freeze({ '204': 0.5, '200-text': 0.35, '202': 0.15 }),
});

export interface SimProfile {
  readonly name: ProfileName;
  /** Seeds every random choice the profile makes (stale-read lengths, reordering, answer styles…). */
  readonly seed: number;
  readonly content: ContentRealism;
  readonly traffic: TrafficRealism;
}

export interface ProfileOptions {
  profile?: ProfileName;
  randomSeed?: number;
  /** Overrides of single settings; `content` and `traffic` are merged key by key. */
  realism?: { content?: Partial<ContentRealism>; traffic?: Partial<TrafficRealism> };
}

export function resolveProfile(options: ProfileOptions = {}): SimProfile {
  const name = options.profile ?? 'lenient';
  if (name !== 'lenient' && name !== 'realistic') {
    throw new Error(`profile must be "lenient" or "realistic", got ${JSON.stringify(name)}`);
  }
  const seed = options.randomSeed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`randomSeed must be an integer, got ${String(seed)}`);
  const base = name === 'realistic' ? REALISTIC_CONTENT : LENIENT_CONTENT;
  const traffic = {
    ...(name === 'realistic' ? REALISTIC_TRAFFIC : LENIENT_TRAFFIC),
    ...options.realism?.traffic,
  };
  checkTraffic(traffic);
  return Object.freeze({
    name,
    seed,
    content: Object.freeze({ ...base, ...options.realism?.content }),
    traffic: Object.freeze({
      ...traffic,
      commandAnswerWeights: Object.freeze({ ...traffic.commandAnswerWeights }),
    }),
  });
}

/** Throws an Error naming the setting and what it accepts when an override makes no sense. */
function checkTraffic(t: TrafficRealism): void {
  const whole = (name: Exclude<keyof TrafficRealism, 'commandAnswerWeights'>, min: number) => {
    const value: unknown = t[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
      throw new Error(`realism.traffic.${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  };
  whole('rateLimitRequests', 0);
  whole('rateLimitWindowMs', 1000);
  whole('dailyQuotaRequests', 0);
  whole('staleReadMinMs', 0);
  whole('staleReadMaxMs', 0);
  whole('reorderWithinMs', 0);
  if (t.staleReadMaxMs > 0 && t.staleReadMinMs > t.staleReadMaxMs)
    throw new Error(
      `realism.traffic.staleReadMinMs (${t.staleReadMinMs}) must not exceed staleReadMaxMs (${t.staleReadMaxMs})`,
    );
  if (typeof t.reorderProbability !== 'number' || !(t.reorderProbability >= 0 && t.reorderProbability <= 1))
    throw new Error(`realism.traffic.reorderProbability must be 0..1, got ${String(t.reorderProbability)}`);
  const weights = t.commandAnswerWeights as Record<string, unknown> | undefined;
  const entries = Object.entries(weights ?? {});
  const known = new Set<string>(COMMAND_RESPONSE_STYLES);
  if (
    entries.length === 0 ||
    entries.some(([style, w]) => !known.has(style) || typeof w !== 'number' || !(w >= 0)) ||
    !entries.some(([, w]) => (w as number) > 0)
  )
    throw new Error(
      'realism.traffic.commandAnswerWeights must map "204", "200-text" and/or "202" to weights >= 0, one of them > 0',
    );
}

/** One line of describeProfile: a setting, its value in this profile, and what it does. */
interface ProfileSetting {
  readonly setting: string;
  readonly value: string;
  readonly meaning: string;
}

export interface ProfileDescription {
  readonly profile: ProfileName;
  readonly seed: number;
  readonly settings: readonly ProfileSetting[];
}

/** Every setting of the profile, JSON-able: what `/__sim/profile` answers and the CLI and benchmark print. */
export function describeProfile(profile: SimProfile): ProfileDescription {
  const t = profile.traffic;
  const off = (on: boolean, value: string) => (on ? value : 'off');
  const traffic: ProfileSetting[] = [
    {
      setting: 'traffic.rateLimit',
      value: off(
        t.rateLimitRequests > 0,
        `${t.rateLimitRequests} requests / ${t.rateLimitWindowMs / 1000} s`,
      ),
      meaning: 'Web API requests per app (client ID) in a rolling window; over it: 429 + Retry-After',
    },
    {
      setting: 'traffic.dailyQuota',
      value: off(t.dailyQuotaRequests > 0, `${t.dailyQuotaRequests} requests / rolling 24 h`),
      meaning: 'Web API requests per app; past it: 429 reason QUOTA_EXCEEDED',
    },
    {
      setting: 'traffic.staleReads',
      value: off(t.staleReadMaxMs > 0, `${t.staleReadMinMs}-${t.staleReadMaxMs} ms (seeded)`),
      meaning: 'after a player command, player reads answer the state from before it',
    },
    {
      setting: 'traffic.reorder',
      value: off(
        t.reorderProbability > 0,
        `p=${t.reorderProbability} within ${t.reorderWithinMs} ms (seeded)`,
      ),
      meaning: "a command may land before the user's previous PUT command",
    },
    {
      setting: 'traffic.commandAnswers',
      value: COMMAND_RESPONSE_STYLES.filter((s) => t.commandAnswerWeights[s] > 0)
        .map((s) => `${s}: ${t.commandAnswerWeights[s]}`)
        .join(', '),
      meaning: 'weights of the answer styles of successful player commands (seeded)',
    },
  ];
  const content = Object.entries(profile.content).map(([key, value]) => ({
    setting: `content.${key}`,
    value: typeof value === 'boolean' ? (value ? 'on' : 'off') : JSON.stringify(value),
    meaning: CONTENT_MEANINGS[key as keyof typeof CONTENT_MEANINGS],
  }));
  return Object.freeze({ profile: profile.name, seed: profile.seed, settings: [...traffic, ...content] });
}

/** describeProfile as an aligned plain-text table. */
export function formatProfile(description: ProfileDescription): string {
  const rows = description.settings;
  const width = Math.max(...rows.map((r) => r.setting.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  return [
    `simulator profile: ${description.profile} (seed ${description.seed})`,
    ...rows.map((r) => `  ${r.setting.padEnd(width)}  ${r.value.padEnd(valueWidth)}  ${r.meaning}`),
  ].join('\n');
}
