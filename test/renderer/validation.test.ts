import { describe, expect, it } from 'vitest';
import { checkClientId } from '../../src/renderer/validation.ts';

const VALID = '0123456789abcdef0123456789ABCDEF';

describe('checkClientId', () => {
  it('says nothing for an empty field', () => {
    expect(checkClientId('')).toEqual({ valid: false, message: '' });
    expect(checkClientId('   ')).toEqual({ valid: false, message: '' });
  });

  it('accepts 32 hex characters, trimmed, in either case', () => {
    expect(checkClientId(VALID).valid).toBe(true);
    expect(checkClientId(`  ${VALID.toLowerCase()}\n`).valid).toBe(true);
  });

  it('counts characters while typing', () => {
    expect(checkClientId('abc')).toEqual({ valid: false, message: '3 of 32 characters so far.' });
  });

  it('rejects other characters and over-long input', () => {
    expect(checkClientId('abcg').message).toMatch(/0–9 and a–f/);
    expect(checkClientId('abc def').message).toMatch(/0–9 and a–f/);
    expect(checkClientId(`${VALID}0`)).toEqual({ valid: false, message: 'Too long: 33 of 32 characters.' });
  });
});
