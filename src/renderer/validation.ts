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

export interface ClientIdField {
  /** Flag the field (`aria-invalid`) and say why. */
  readonly invalid: boolean;
  /** The note under the field. */
  readonly hint: string;
  /** The note's colour: a valid ID, a problem, or plain guidance. */
  readonly tone: 'valid' | 'invalid' | 'plain';
}

const CLIENT_ID_WHERE = 'On your app’s page in the dashboard, under Settings → Basic Information.';
const CLIENT_ID_NEEDED = 'Enter your app’s Client ID: 32 characters, 0–9 and a–f.';

/**
 * The Client ID field as the user sees it. A wrong character or too many flag it at once (typing on cannot
 * fix them); an ID still being typed is flagged only after a save was tried (`attempted`), and so is an
 * empty or blank field, before anything is sent to main.
 */
export function clientIdField(input: string, attempted: boolean): ClientIdField {
  const check = checkClientId(input);
  if (check.valid) return { invalid: false, hint: check.message, tone: 'valid' };
  if (input.trim() === '') {
    return attempted
      ? { invalid: true, hint: CLIENT_ID_NEEDED, tone: 'invalid' }
      : { invalid: false, hint: CLIENT_ID_WHERE, tone: 'plain' };
  }
  const hopeless = /[^0-9a-f\s]/i.test(input) || input.trim().length > CLIENT_ID_LENGTH;
  const invalid = attempted || hopeless;
  return { invalid, hint: check.message, tone: invalid ? 'invalid' : 'plain' };
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
