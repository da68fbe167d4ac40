import type { Simulator } from '../../dev/simulator/index.ts';

/** What the simulator's request log says for a stretch of (simulated) time. */
export interface RequestCounts {
  /** Web API requests (/v1/…). */
  requests: number;
  /** Of those, answered 429. */
  answered429: number;
  /** `METHOD /path` (without /v1) → count. */
  byEndpoint: Record<string, number>;
  /** HTTP status → count, Web API requests only. */
  byStatus: Record<string, number>;
  /** Token requests (/api/token): the accounts service, counted apart. */
  tokenRequests: number;
}

/** Counts the log's entries with `from ≤ at < to`. */
export function countRequests(sim: Simulator, from: number, to: number): RequestCounts {
  const byEndpoint: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let requests = 0;
  let answered429 = 0;
  let tokenRequests = 0;
  for (const entry of sim.requests.entries) {
    if (entry.at < from || entry.at >= to) continue;
    if (entry.path === '/api/token') tokenRequests++;
    if (!entry.path.startsWith('/v1/')) continue;
    requests++;
    if (entry.status === 429) answered429++;
    const name = `${entry.method} ${entry.path.slice(3)}`;
    byEndpoint[name] = (byEndpoint[name] ?? 0) + 1;
    byStatus[String(entry.status)] = (byStatus[String(entry.status)] ?? 0) + 1;
  }
  return { requests, answered429, byEndpoint, byStatus, tokenRequests };
}
