import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SEED_CLIENT_ID,
  refreshTokenExpiry,
  startSimulator,
  type Simulator,
} from '../../../dev/simulator/index.ts';
import {
  anyString,
  codeFor,
  getMe,
  pkceParams,
  postToken,
  REDIRECT_URI,
  seedBasic,
  signIn,
} from './helpers.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

const refresh = (refreshToken: string, basic?: [string, string]) =>
  postToken(
    sim,
    {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: basic ? undefined : SEED_CLIENT_ID,
    },
    basic,
  );
const invalid = { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } };
const revoked = { status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token revoked' } };

describe('refresh_token', () => {
  it('rotates by default: a new refresh token comes back and the old one dies', async () => {
    const first = String((await signIn(sim))['refresh_token']);
    const answer = await refresh(first);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: anyString,
      token_type: 'Bearer',
      scope: 'user-read-private user-read-playback-state',
      expires_in: 3600,
      refresh_token: anyString,
    });
    const second = String(answer.body['refresh_token']);
    expect(second).not.toBe(first);
    expect(await refresh(first)).toEqual(invalid);
    expect((await refresh(second)).status).toBe(200);
    expect((await getMe(sim, String(answer.body['access_token']))).status).toBe(200);
  });

  it("with rotation 'never' answers without a refresh token and the old one stays valid", async () => {
    sim.setRotation('never');
    const token = String((await signIn(sim))['refresh_token']);
    for (let i = 0; i < 3; i++) {
      const answer = await refresh(token);
      expect(answer.status).toBe(200);
      expect(answer.body).not.toHaveProperty('refresh_token');
      expect(answer.body['access_token']).toEqual(anyString);
    }
  });

  it('expires 6 calendar months after the original consent; refreshing does not extend it', async () => {
    sim.clock.set(Date.UTC(2026, 0, 15, 12));
    let token = String((await signIn(sim))['refresh_token']);
    for (const month of [1, 3, 5]) {
      sim.clock.set(Date.UTC(2026, month, 15, 12));
      const answer = await refresh(token);
      expect(answer.status, `month ${month}`).toBe(200);
      token = String(answer.body['refresh_token']);
    }
    sim.clock.set(Date.UTC(2026, 6, 15, 12) - 1);
    sim.setRotation('never');
    expect((await refresh(token)).status).toBe(200);
    sim.clock.set(Date.UTC(2026, 6, 15, 12));
    expect(await refresh(token)).toEqual(invalid);
  });

  it('counts the 6 months from each new consent', async () => {
    sim.clock.set(Date.UTC(2026, 0, 1));
    const old = String((await signIn(sim))['refresh_token']);
    sim.clock.set(Date.UTC(2026, 5, 1));
    sim.setRotation('never');
    const renewed = String((await signIn(sim))['refresh_token']);
    sim.clock.set(Date.UTC(2026, 7, 1));
    expect(await refresh(old)).toEqual(invalid);
    expect((await refresh(renewed)).status).toBe(200);
  });

  it('clamps the expiry to the end of a shorter month', () => {
    expect(new Date(refreshTokenExpiry(Date.UTC(2026, 7, 31, 9))).toISOString()).toBe(
      '2027-02-28T09:00:00.000Z',
    );
    expect(new Date(refreshTokenExpiry(Date.UTC(2027, 7, 31))).toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });

  it('answers "Refresh token revoked" after a revocation, for that user only', async () => {
    sim.setRotation('never');
    const tester = String((await signIn(sim))['refresh_token']);
    sim.addUser({ id: 'other' });
    sim.setConsentUser('other');
    const other = String((await signIn(sim))['refresh_token']);
    sim.revokeRefreshTokens('traytune-tester');
    expect(await refresh(tester)).toEqual(revoked);
    expect((await refresh(other)).status).toBe(200);
    sim.revokeRefreshTokens();
    expect(await refresh(other)).toEqual(revoked);
    // A new consent gives a working token again.
    expect((await refresh(String((await signIn(sim))['refresh_token']))).status).toBe(200);
  });

  it('rejects unknown tokens, tokens of another client and a missing token', async () => {
    expect(await refresh('AQmade-up')).toEqual(invalid);
    sim.registerApp({ clientId: 'a'.repeat(32), redirectUris: ['http://127.0.0.1/callback'] });
    const token = String((await signIn(sim))['refresh_token']);
    const foreign = await postToken(sim, {
      grant_type: 'refresh_token',
      refresh_token: token,
      client_id: 'a'.repeat(32),
    });
    expect(foreign).toEqual(invalid);
    const missing = await postToken(sim, { grant_type: 'refresh_token', client_id: SEED_CLIENT_ID });
    expect(missing.body['error']).toBe('invalid_request');
  });

  it('needs the client secret to refresh a token obtained with the secret', async () => {
    const code = await codeFor(
      sim,
      pkceParams({ code_challenge: undefined, code_challenge_method: undefined }),
    );
    const answer = await postToken(
      sim,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
      seedBasic,
    );
    const token = String(answer.body['refresh_token']);
    expect(await refresh(token)).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Invalid client secret' },
    });
    expect((await refresh(token, seedBasic)).status).toBe(200);
  });
});
