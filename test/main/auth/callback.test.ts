import { describe, expect, it } from 'vitest';
import { parseCallbackParams, parseCallbackUrl, statesEqual } from '../../../src/main/auth/callback.ts';
import {
  AccessDeniedError,
  AuthError,
  OAuthError,
  StateMismatchError,
} from '../../../src/main/auth/errors.ts';

const STATE = 'Zm9vYmFyYmF6cXV4MTIzNA';

describe('callback parsing', () => {
  it('returns the code when the state matches', () => {
    expect(parseCallbackParams(new URLSearchParams({ code: 'AQcode', state: STATE }), STATE)).toEqual({
      code: 'AQcode',
    });
  });

  it('rejects a wrong, missing or differently sized state', () => {
    const cases: Record<string, string>[] = [
      { code: 'c', state: 'nope' },
      { code: 'c' },
      { code: 'c', state: STATE + 'x' },
      { code: 'c', state: '' },
    ];
    for (const q of cases) {
      expect(() => parseCallbackParams(new URLSearchParams(q), STATE)).toThrow(StateMismatchError);
    }
    // An empty expected state never matches.
    expect(() => parseCallbackParams(new URLSearchParams({ code: 'c', state: '' }), '')).toThrow(
      StateMismatchError,
    );
  });

  it('checks the state before looking at an error', () => {
    expect(() =>
      parseCallbackParams(new URLSearchParams({ error: 'access_denied', state: 'x' }), STATE),
    ).toThrow(StateMismatchError);
  });

  it('maps access_denied and other errors', () => {
    expect(() =>
      parseCallbackParams(new URLSearchParams({ error: 'access_denied', state: STATE }), STATE),
    ).toThrow(AccessDeniedError);
    const e = catchError(() =>
      parseCallbackParams(
        new URLSearchParams({ error: 'invalid_scope', error_description: 'd', state: STATE }),
        STATE,
      ),
    );
    expect(e).toBeInstanceOf(OAuthError);
    expect((e as OAuthError).error).toBe('invalid_scope');
    expect((e as OAuthError).errorDescription).toBe('d');
    const weird = catchError(() =>
      parseCallbackParams(new URLSearchParams({ error: '<script>alert(1)</script>', state: STATE }), STATE),
    );
    expect(weird.message).not.toContain('<script>');
  });

  it('requires a code', () => {
    const e = catchError(() => parseCallbackParams(new URLSearchParams({ state: STATE }), STATE));
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).code).toBe('callback');
  });

  it('compares states in constant time semantics', () => {
    expect(statesEqual('abc', 'abc')).toBe(true);
    expect(statesEqual('abc', 'abd')).toBe(false);
    expect(statesEqual('abc', 'abcd')).toBe(false);
    expect(statesEqual('', 'a')).toBe(false);
  });
});

describe('pasted callback', () => {
  it('accepts the full address or just the query', () => {
    const full = `http://127.0.0.1/callback?code=AQpasted&state=${STATE}`;
    expect(parseCallbackUrl(`  ${full}\n`, STATE)).toEqual({ code: 'AQpasted' });
    expect(parseCallbackUrl(`?code=AQpasted&state=${STATE}`, STATE)).toEqual({ code: 'AQpasted' });
    expect(parseCallbackUrl(`code=AQpasted&state=${STATE}`, STATE)).toEqual({ code: 'AQpasted' });
  });

  it('rejects something that is not a callback, without echoing it', () => {
    const e = catchError(() => parseCallbackUrl('hello there AQsecretish', STATE));
    expect((e as AuthError).code).toBe('callback');
    expect(e.message).not.toContain('AQsecretish');
    expect(() => parseCallbackUrl('https://open.spotify.com/', STATE)).toThrow(AuthError);
  });

  it('applies the same state rule', () => {
    expect(() => parseCallbackUrl('http://127.0.0.1/callback?code=c&state=other', STATE)).toThrow(
      StateMismatchError,
    );
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
