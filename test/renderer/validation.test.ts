import { describe, expect, it } from 'vitest';
import { checkClientId, clientIdField } from '../../src/renderer/validation.ts';

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

describe('clientIdField', () => {
  it('an empty or blank field is flagged once a save is tried, with what to enter', () => {
    for (const value of ['', '   ', '\t\n']) {
      expect(clientIdField(value, false)).toMatchObject({ invalid: false, tone: 'plain' });
      const tried = clientIdField(value, true);
      expect(tried).toMatchObject({ invalid: true, tone: 'invalid' });
      expect(tried.hint).toMatch(/Enter your app’s Client ID/);
    }
  });

  it('a wrong character or too many are flagged at once; a short ID only after a save was tried', () => {
    expect(clientIdField('not-a-client-id', false)).toMatchObject({ invalid: true, tone: 'invalid' });
    expect(clientIdField(`${VALID}0`, false)).toMatchObject({ invalid: true });
    expect(clientIdField('abc', false)).toEqual({
      invalid: false,
      hint: '3 of 32 characters so far.',
      tone: 'plain',
    });
    expect(clientIdField('abc', true)).toMatchObject({ invalid: true, hint: '3 of 32 characters so far.' });
  });

  it('a valid ID says so', () => {
    expect(clientIdField(VALID, true)).toEqual({
      invalid: false,
      hint: 'Looks like a valid Client ID.',
      tone: 'valid',
    });
  });
});
