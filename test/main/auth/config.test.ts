import { describe, expect, it } from 'vitest';
import { loadAuthConfig, validateClientId } from '../../../src/main/auth/config.ts';
import { ConfigError } from '../../../src/main/auth/errors.ts';

const ID = '0123456789abcdef0123456789abcdef';
const SECRET = 'fedcba9876543210fedcba9876543210';

describe('auth config', () => {
  it('uses Spotify defaults', () => {
    expect(loadAuthConfig({ clientId: ID }, {})).toEqual({
      clientId: ID,
      redirectUri: 'http://127.0.0.1/callback',
      accountsUrl: 'https://accounts.spotify.com',
      apiUrl: 'https://api.spotify.com/v1',
    });
  });

  it('reads the injected environment', () => {
    const config = loadAuthConfig(
      {},
      {
        TRAYTUNE_CLIENT_ID: ` ${ID} `,
        TRAYTUNE_CLIENT_SECRET: SECRET,
        TRAYTUNE_REDIRECT_URI: 'http://[::1]:8888/cb',
        TRAYTUNE_ACCOUNTS_URL: 'http://127.0.0.1:4000/',
        TRAYTUNE_API_URL: 'http://127.0.0.1:4000/v1/',
      },
    );
    expect(config).toEqual({
      clientId: ID,
      clientSecret: SECRET,
      redirectUri: 'http://[::1]:8888/cb',
      accountsUrl: 'http://127.0.0.1:4000',
      apiUrl: 'http://127.0.0.1:4000/v1',
    });
  });

  it('prefers arguments over the environment and ignores empty values', () => {
    const other = 'ffffffffffffffffffffffffffffffff';
    const config = loadAuthConfig(
      { clientId: ID, redirectUri: 'http://127.0.0.1:5000/x' },
      { TRAYTUNE_CLIENT_ID: other, TRAYTUNE_REDIRECT_URI: 'http://127.0.0.1/y', TRAYTUNE_CLIENT_SECRET: '' },
    );
    expect(config.clientId).toBe(ID);
    expect(config.redirectUri).toBe('http://127.0.0.1:5000/x');
    expect(config.clientSecret).toBeUndefined();
  });

  it('does not read process.env by itself', () => {
    process.env['TRAYTUNE_CLIENT_ID'] = ID;
    try {
      expect(() => loadAuthConfig()).toThrow(ConfigError);
    } finally {
      delete process.env['TRAYTUNE_CLIENT_ID'];
    }
  });

  it('explains a missing or malformed client ID without echoing it', () => {
    expect(() => loadAuthConfig({}, {})).toThrow(/client ID/);
    for (const bad of ['abc', `${ID}0`, SECRET.replace('f', 'g'), 'spotify:app']) {
      const error = catchError(() => loadAuthConfig({ clientId: bad }, {}));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(/32/);
      expect(error.message).not.toContain(bad);
    }
  });

  it('relaxes the ID format only for another OAuth server', () => {
    expect(
      loadAuthConfig({ clientId: 'my-client', accountsUrl: 'https://auth.example.com' }, {}).clientId,
    ).toBe('my-client');
    expect(() => validateClientId('has space', false)).toThrow(ConfigError);
    expect(() => validateClientId('my-client', true)).toThrow(ConfigError);
  });

  it('turns redirect URI problems into config errors', () => {
    const error = catchError(() =>
      loadAuthConfig({ clientId: ID, redirectUri: 'http://localhost:8888/callback' }, {}),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('127.0.0.1');
  });

  it('refuses plain http service URLs off this computer', () => {
    expect(() => loadAuthConfig({ clientId: ID, accountsUrl: 'http://accounts.example.com' }, {})).toThrow(
      ConfigError,
    );
    expect(() => loadAuthConfig({ clientId: ID, apiUrl: 'nope' }, {})).toThrow(/TRAYTUNE_API_URL/);
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
