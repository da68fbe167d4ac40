/**
 * Why Spotify refused a refresh token (`invalid_grant`), told honestly. Spotify answers the same
 * `invalid_grant` for a token that reached its six-month end, one that was revoked, and one replaced by
 * rotation (docs/SPOTIFY.md), so the stored consent time decides: only a grant about six months old is
 * called expired.
 */

/** Refresh tokens die this many calendar months after the original consent (docs/SPOTIFY.md). */
export const REFRESH_TOKEN_LIFETIME_MONTHS = 6;

/** Clock skew and month arithmetic: a grant this close to its six-month end counts as expired. */
const EXPIRY_SLACK_MS = 24 * 3600_000;

export type RefreshRefusal = 'revoked' | 'expired' | 'replaced';

/**
 * `authorizedAt` is the original consent (epoch ms); 0 or a time after `now` means it is not known, and
 * then the grant is not blamed on its age.
 */
export function classifyRefreshRefusal(
  errorDescription: string | undefined,
  authorizedAt: number | undefined,
  now: number,
): RefreshRefusal {
  if (/revoked/i.test(errorDescription ?? '')) return 'revoked';
  const known = authorizedAt !== undefined && authorizedAt > 0 && authorizedAt <= now;
  if (known && now >= addCalendarMonths(authorizedAt, REFRESH_TOKEN_LIFETIME_MONTHS) - EXPIRY_SLACK_MS) {
    return 'expired';
  }
  return 'replaced';
}

/** The user-facing reason (a sentence; the caller adds what to do). */
export function refreshRefusedReason(
  errorDescription: string | undefined,
  authorizedAt: number | undefined,
  now: number,
): string {
  switch (classifyRefreshRefusal(errorDescription, authorizedAt, now)) {
    case 'revoked':
      return 'Spotify access for Traytune was revoked.';
    case 'expired':
      return 'The saved Spotify sign-in has expired (Spotify ends sign-ins six months after you agree).';
    case 'replaced':
      return (
        'Spotify no longer accepts the saved sign-in: it was replaced by a newer one (for example after ' +
        'signing in with this app somewhere else) or access was withdrawn in your Spotify account.'
      );
  }
}

/** Adds calendar months in UTC, clamping to the month's last day (31 Aug + 6 months → 28/29 Feb). */
export function addCalendarMonths(epochMs: number, months: number): number {
  const d = new Date(epochMs);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}
