import { z } from 'zod';
import type { StoredGrant } from '../token.ts';

/** The persisted shape. Unknown keys are dropped on load, so nothing but these four fields ever leaves a cache. */
const storedGrantSchema = z.object({
  clientId: z.string().min(1),
  refreshToken: z.string().min(1),
  scopes: z.array(z.string()),
  authorizedAt: z.number().int().nonnegative(),
});

/**
 * A fresh copy holding only the StoredGrant fields. Structural typing lets a caller pass a `Token` (with its
 * access token) where a StoredGrant is expected; this keeps the extra fields out of every cache.
 */
export function copyStoredGrant(grant: StoredGrant): StoredGrant {
  return {
    clientId: grant.clientId,
    refreshToken: grant.refreshToken,
    scopes: [...grant.scopes],
    authorizedAt: grant.authorizedAt,
  };
}

/** The exact JSON a cache persists for a grant. */
export function serializeStoredGrant(grant: StoredGrant): string {
  return JSON.stringify(copyStoredGrant(grant));
}

export type ParseResult = { ok: true; grant: StoredGrant } | { ok: false; problem: string };

/**
 * Parses persisted JSON. The problem describes what is wrong without quoting any content: a JSON
 * SyntaxError's message includes a slice of the input (which could be the token), so it is never kept.
 */
export function parseStoredGrant(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not valid JSON' };
  }
  const result = storedGrantSchema.safeParse(value);
  if (!result.success) {
    const fields = [
      ...new Set(result.error.issues.map((issue) => issue.path.map(String).join('.') || '(root)')),
    ];
    return { ok: false, problem: `invalid or missing ${fields.join(', ')}` };
  }
  return { ok: true, grant: copyStoredGrant(result.data) };
}
