/**
 * The daily request budget's numbers, without zod (the renderer imports them, and the values of
 * settings.ts would bundle zod). settings.ts builds the setting's schema from these.
 */

/** Requests a day (rolling 24 h) Traytune allows itself; development-mode apps are cut off near 1,400. */
export const DEFAULT_DAILY_REQUEST_BUDGET = 1_000;
export const DAILY_REQUEST_BUDGET_MIN = 100;
export const DAILY_REQUEST_BUDGET_MAX = 10_000;
/** Said wherever a budget is refused (the settings page, the IPC check, the app). */
export const DAILY_REQUEST_BUDGET_HINT = 'Enter a whole number from 100 to 10,000.';
