import { describe, expect, it } from 'vitest';
import { checkAccelerator, checkClientId } from '../../src/renderer/validation.ts';

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

describe('checkAccelerator', () => {
  it('treats an empty field as "not bound"', () => {
    expect(checkAccelerator('  ')).toEqual({ valid: true, message: '', value: null });
  });

  it('accepts keys joined with +', () => {
    expect(checkAccelerator(' CommandOrControl+Alt+P ')).toEqual({
      valid: true,
      message: '',
      value: 'CommandOrControl+Alt+P',
    });
    expect(checkAccelerator('F5').valid).toBe(true);
  });

  it('rejects spaces, symbols, dangling + and overlong input', () => {
    expect(checkAccelerator('Ctrl + P').valid).toBe(false);
    expect(checkAccelerator('Ctrl+-').valid).toBe(false);
    expect(checkAccelerator('Ctrl+').valid).toBe(false);
    expect(checkAccelerator('Ctrl++P').valid).toBe(false);
    expect(checkAccelerator('A'.repeat(65)).valid).toBe(false);
  });
});
