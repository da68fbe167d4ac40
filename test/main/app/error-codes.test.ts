import { describe, expect, it } from 'vitest';
import { USER_FACING_ERROR_CODES, UserFacingError, toAppError } from '../../../src/main/app/errors.ts';
import { SearchCancelledError } from '../../../src/main/app/search.ts';
import { AUTH_ERROR_CODES, AuthError, SignedOutError } from '../../../src/main/auth/errors.ts';
import { IPC_ERROR_CODES } from '../../../src/main/ipc/dispatcher.ts';
import { NETWORK_ERROR_CODES, NetworkConfigError } from '../../../src/main/net/errors.ts';
import { SPOTIFY_API_ERROR_KINDS, SpotifyApiError } from '../../../src/main/spotify/errors.ts';
import { BRIDGE_ERROR_CODES } from '../../../src/shared/ipc/bridge.ts';
import { SHARED_ERROR_CODES, USER_MESSAGES } from '../../../src/shared/messages.ts';

/** Every code the app makes: lower-case words joined by single hyphens (`signed-out`, `no-client-id`). */
const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const CODE_LISTS: Readonly<Record<string, readonly string[]>> = {
  AUTH_ERROR_CODES,
  USER_FACING_ERROR_CODES,
  SPOTIFY_API_ERROR_KINDS,
  NETWORK_ERROR_CODES,
  IPC_ERROR_CODES: Object.values(IPC_ERROR_CODES),
  BRIDGE_ERROR_CODES: Object.values(BRIDGE_ERROR_CODES),
  SHARED_ERROR_CODES: Object.values(SHARED_ERROR_CODES),
};

describe('error codes', () => {
  it.each(Object.entries(CODE_LISTS))('%s are all kebab-case, each once', (_name, codes) => {
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((code) => !KEBAB_CASE.test(code))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('the pattern tells kebab-case from the OAuth wire values and from system error codes', () => {
    for (const code of ['signed-out', 'no-client-id', 'oauth', 'rate-limited'])
      expect(code).toMatch(KEBAB_CASE);
    for (const code of ['access_denied', 'invalid_grant', 'ENOENT', 'UND_ERR_SOCKET', 'no--device', 'x-'])
      expect(code).not.toMatch(KEBAB_CASE);
  });

  it('each typed error reaches the user with its code, through toAppError', () => {
    expect(toAppError(new SignedOutError())).toEqual({
      code: 'signed-out',
      message: USER_MESSAGES.signedOut,
    });
    expect(toAppError(new AuthError('browser-open', 'No browser.'))).toEqual({
      code: 'browser-open',
      message: 'No browser.',
    });
    expect(toAppError(new UserFacingError('no-client-id', 'Enter it.'))).toEqual({
      code: 'no-client-id',
      message: 'Enter it.',
    });
    expect(toAppError(new SpotifyApiError({ kind: 'signed-out' }))).toEqual({
      code: 'signed-out',
      message: USER_MESSAGES.signedOut,
    });
    expect(toAppError(new NetworkConfigError('TRAYTUNE_PROXY is not a URL.')).code).toBe('network-config');
    expect(toAppError(new SearchCancelledError()).code).toBe(SHARED_ERROR_CODES.searchCancelled);
  });

  it('anything else is internal, with the one sentence for a bug', () => {
    for (const error of [
      new Error('secret detail'),
      Object.assign(new Error('x'), { code: 'snake_case' }),
      'text',
    ])
      expect(toAppError(error)).toEqual({ code: 'internal', message: USER_MESSAGES.internal });
  });
});
