import { ApiError } from '../errors.ts';
import type { SimRequest } from '../http.ts';

/** Query and body parsing shared by the Web API routes; bad input throws a 400 `ApiError`. */

export interface IntRule {
  min: number;
  max?: number;
  /** Used when the parameter is absent; absent and no fallback → 400 "Missing required parameter". */
  fallback?: number;
  /** Send 400s without the `{"error":…}` wrapper (routes whose spec says so). */
  bare?: boolean;
}

export function intParam(req: SimRequest, name: string, rule: IntRule): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') {
    if (rule.fallback !== undefined) return rule.fallback;
    throw new ApiError(400, `Missing required parameter: ${name}`, undefined, rule.bare);
  }
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || value < rule.min || (rule.max !== undefined && value > rule.max))
    throw new ApiError(400, `Invalid ${name}`, undefined, rule.bare);
  return value;
}

export function limitOffset(
  req: SimRequest,
  maxLimit: number,
  defaultLimit = 20,
): { limit: number; offset: number } {
  return {
    limit: intParam(req, 'limit', { min: 1, max: maxLimit, fallback: Math.min(defaultLimit, maxLimit) }),
    offset: intParam(req, 'offset', { min: 0, fallback: 0 }),
  };
}

/** `device_id`; an empty value counts as absent. */
export function deviceIdParam(req: SimRequest): string | undefined {
  const value = req.query.get('device_id');
  return value === null || value === '' ? undefined : value;
}

/** A comma-separated list (`uris`, `ids`), trimmed; missing or empty → 400. */
export function listParam(req: SimRequest, name: string, max: number, bare = false): string[] {
  const raw = req.query.get(name);
  const values = (raw ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (values.length === 0) throw new ApiError(400, `Missing required parameter: ${name}`, undefined, bare);
  if (values.length > max)
    throw new ApiError(400, `Too many ${name} requested (maximum ${max})`, undefined, bare);
  return values;
}

/** The JSON object body; empty → `undefined`; anything else → 400 "Malformed json". */
export function jsonBody(req: SimRequest): Record<string, unknown> | undefined {
  if (req.body.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(req.body);
  } catch {
    throw new ApiError(400, 'Malformed json');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ApiError(400, 'Malformed json');
  return value as Record<string, unknown>;
}
