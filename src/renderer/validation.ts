/** Input checks the UI runs as the user types (main validates again; these only give early feedback). */

import {
  DAILY_REQUEST_BUDGET_HINT,
  DAILY_REQUEST_BUDGET_MAX,
  DAILY_REQUEST_BUDGET_MIN,
} from '../shared/request-budget.ts';

export interface Check {
  readonly valid: boolean;
  /** Shown under the field; empty when there is nothing to say yet. */
  readonly message: string;
}

const CLIENT_ID_LENGTH = 32;

/** A Spotify client ID is 32 hexadecimal characters. */
export function checkClientId(input: string): Check {
  const value = input.trim();
  if (value === '') return { valid: false, message: '' };
  if (!/^[0-9a-f]*$/i.test(value)) {
    return { valid: false, message: 'A Client ID has only the characters 0–9 and a–f.' };
  }
  if (value.length < CLIENT_ID_LENGTH) {
    return { valid: false, message: `${value.length} of ${CLIENT_ID_LENGTH} characters so far.` };
  }
  if (value.length > CLIENT_ID_LENGTH) {
    return { valid: false, message: `Too long: ${value.length} of ${CLIENT_ID_LENGTH} characters.` };
  }
  return { valid: true, message: 'Looks like a valid Client ID.' };
}

export interface BudgetCheck extends Check {
  /** The budget typed, when valid. */
  readonly value: number | null;
}

/** The daily request budget as typed: digits only (a comma or space between thousands is allowed), 100..10,000. */
export function checkDailyBudget(input: string): BudgetCheck {
  const text = input.trim().replace(/[\s,\u00a0\u202f]/g, '');
  if (text === '') return { valid: false, value: null, message: DAILY_REQUEST_BUDGET_HINT };
  if (!/^\d+$/.test(text)) return { valid: false, value: null, message: DAILY_REQUEST_BUDGET_HINT };
  const value = Number(text);
  if (value < DAILY_REQUEST_BUDGET_MIN || value > DAILY_REQUEST_BUDGET_MAX) {
    return { valid: false, value: null, message: DAILY_REQUEST_BUDGET_HINT };
  }
  return { valid: true, value, message: '' };
}
