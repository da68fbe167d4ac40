import type { AccountStatus, RequestFigures } from '../shared/app-state.ts';
import { formatDuration } from './format.ts';

/** What the settings page's "Requests to Spotify" section says. Pure, so it is unit-tested under Node. */
export interface RequestLines {
  readonly lastHour: string;
  /** "312 of 1,000". */
  readonly today: string;
  /** today / budget, capped at 1 (for the bar; the text carries the real number). */
  readonly share: number;
  /** Over the budget: the player reads less until old requests leave the 24 hours. */
  readonly overBudget: boolean;
  /** "in 12 s", "now", "when you open the player", "after you sign in". */
  readonly nextRead: string;
}

export function requestLines(
  figures: RequestFigures,
  account: AccountStatus,
  now: number,
  locale?: string,
): RequestLines {
  const count = (n: number): string => n.toLocaleString(locale);
  const { lastHour, today, dailyBudget, nextReadAt } = figures;
  return {
    lastHour: count(lastHour),
    today: `${count(today)} of ${count(dailyBudget)}`,
    share: dailyBudget > 0 ? Math.min(1, today / dailyBudget) : 1,
    overBudget: today >= dailyBudget,
    nextRead: nextReadText(account, nextReadAt, now),
  };
}

function nextReadText(account: AccountStatus, nextReadAt: number | null, now: number): string {
  if (account !== 'signed-in') return 'after you sign in';
  if (nextReadAt === null) return 'when you open the player';
  // Within the second it is due (or overdue while the read is on its way): "now", not "in 0 s".
  if (nextReadAt - now < 500) return 'now';
  return `in ${formatDuration(nextReadAt - now)}`;
}
