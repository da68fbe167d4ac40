import { describe, expect, it } from 'vitest';
import { allowedEnv } from '../../../src/main/app/allowed-env.ts';

const ENV = {
  TRAYTUNE_ACCOUNTS_URL: 'https://evil.example',
  TRAYTUNE_API_URL: 'https://evil.example/v1',
  TRAYTUNE_CLIENT_SECRET: 'secret',
  TRAYTUNE_CLIENT_ID: '0123456789abcdef0123456789abcdef',
  HOME: '/home/ada',
};

describe('allowedEnv', () => {
  it('drops the server and secret overrides in packaged builds, keeping the client ID', () => {
    expect(allowedEnv(ENV, { packaged: true })).toEqual({
      TRAYTUNE_CLIENT_ID: ENV.TRAYTUNE_CLIENT_ID,
      HOME: ENV.HOME,
    });
  });

  it('keeps everything in development builds (simulator, harness)', () => {
    expect(allowedEnv(ENV, { packaged: false })).toEqual(ENV);
  });

  it('returns a copy, leaving the environment given untouched', () => {
    const env = { ...ENV };
    const out = allowedEnv(env, { packaged: true });
    expect(out).not.toBe(env);
    expect(env).toEqual(ENV);
  });
});
