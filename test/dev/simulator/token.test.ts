import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CODE_TTL_MS,
  SEED_CLIENT_ID,
  SEED_CLIENT_SECRET,
  startSimulator,
  type Simulator,
} from '../../../dev/simulator/index.ts';
import {
  anyString,
  CHALLENGE,
  codeFor,
  getMe,
  pkceParams,
  postToken,
  matching,
  REDIRECT_URI,
  seedBasic,
  VERIFIER,
} from './helpers.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

const exchange = (
  code: string,
  overrides: Record<string, string | undefined> = {},
  basic?: [string, string],
) =>
  postToken(
    sim,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: SEED_CLIENT_ID,
      code_verifier: VERIFIER,
      ...overrides,
    },
    basic,
  );

describe('authorization_code with PKCE', () => {
  it('exchanges a code for an access token, a refresh token and the granted scopes', async () => {
    const answer = await exchange(await codeFor(sim));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: matching(/^\S{40,}$/),
      token_type: 'Bearer',
      scope: 'user-read-private user-read-playback-state',
      expires_in: 3600,
      refresh_token: matching(/^\S{40,}$/),
    });
    expect(answer.body['access_token']).not.toBe(answer.body['refresh_token']);
    expect((await getMe(sim, String(answer.body['access_token']))).status).toBe(200);
  });

  it('checks the verifier against the challenge (RFC 7636 Appendix B pair)', async () => {
    expect(CHALLENGE).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const wrong = await exchange(await codeFor(sim), { code_verifier: `${VERIFIER.slice(0, -1)}A` });
    expect(wrong).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'code_verifier was incorrect' },
    });
    const malformed = await exchange(await codeFor(sim), { code_verifier: 'short' });
    expect(malformed.body['error_description']).toBe('code_verifier was incorrect');
    const missing = await exchange(await codeFor(sim), { code_verifier: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body['error']).toBe('invalid_request');
  });

  it('uses a code once', async () => {
    const code = await codeFor(sim);
    expect((await exchange(code)).status).toBe(200);
    expect(await exchange(code)).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid authorization code' },
    });
  });

  it('lets a code expire after 10 minutes of simulator time', async () => {
    const fresh = await codeFor(sim);
    sim.clock.advance(CODE_TTL_MS - 1);
    expect((await exchange(fresh)).status).toBe(200);
    const stale = await codeFor(sim);
    sim.clock.advance(CODE_TTL_MS);
    expect((await exchange(stale)).body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid authorization code',
    });
  });

  it('binds the code to the byte-identical redirect URI', async () => {
    for (const redirect_uri of ['http://127.0.0.1:53683/callback', 'http://127.0.0.1:53682/callback/']) {
      const answer = await exchange(await codeFor(sim), { redirect_uri });
      expect(answer.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid redirect URI' });
    }
  });

  it('binds the code to its client', async () => {
    sim.registerApp({ clientId: 'a'.repeat(32), redirectUris: ['http://127.0.0.1/callback'] });
    const answer = await exchange(await codeFor(sim), { client_id: 'a'.repeat(32) });
    expect(answer.body['error_description']).toBe('Invalid authorization code');
  });

  it('rejects an unknown code, an unknown client and missing parameters', async () => {
    expect((await exchange('AQnot-a-code')).body['error_description']).toBe('Invalid authorization code');
    expect(await exchange(await codeFor(sim), { client_id: 'f'.repeat(32) })).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Invalid client' },
    });
    expect((await exchange(await codeFor(sim), { client_id: undefined })).body['error']).toBe(
      'invalid_client',
    );
    expect((await exchange('x', { code: undefined })).body['error']).toBe('invalid_request');
    expect((await exchange(await codeFor(sim), { redirect_uri: undefined })).body['error']).toBe(
      'invalid_request',
    );
  });

  it('answers unsupported_grant_type for a missing or unknown grant_type', async () => {
    expect(await postToken(sim, { client_id: SEED_CLIENT_ID })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'grant_type parameter is missing' },
    });
    const implicit = await postToken(sim, { grant_type: 'implicit', client_id: SEED_CLIENT_ID });
    expect(implicit.body['error']).toBe('unsupported_grant_type');
  });

  it('reads only form-encoded bodies', async () => {
    const res = await fetch(new URL('/api/token', sim.accountsUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'grant_type parameter is missing',
    });
  });
});

describe('authorization_code with the client secret', () => {
  const noPkce = pkceParams({ code_challenge: undefined, code_challenge_method: undefined });

  it('exchanges a code without PKCE when the client authenticates with HTTP Basic', async () => {
    const code = await codeFor(sim, noPkce);
    const answer = await exchange(code, { client_id: undefined, code_verifier: undefined }, seedBasic);
    expect(answer.status).toBe(200);
    expect(answer.body['refresh_token']).toBeTruthy();
  });

  it('requires the secret for a code without a challenge', async () => {
    const answer = await exchange(await codeFor(sim, noPkce), { code_verifier: undefined });
    expect(answer).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'Invalid client secret' },
    });
  });

  it('rejects a wrong secret and a malformed Authorization header', async () => {
    const wrong = await exchange(await codeFor(sim, noPkce), { client_id: undefined }, [
      SEED_CLIENT_ID,
      'nope',
    ]);
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: 'Invalid client secret' });
    const res = await fetch(new URL('/api/token', sim.accountsUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic !!!' },
      body: 'grant_type=client_credentials',
    });
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'Invalid client' });
  });

  it('still checks the verifier when a code had a challenge, secret or not', async () => {
    const answer = await exchange(
      await codeFor(sim),
      { client_id: undefined, code_verifier: 'x'.repeat(43) },
      seedBasic,
    );
    expect(answer.body['error_description']).toBe('code_verifier was incorrect');
  });
});

describe('client_credentials', () => {
  it('issues an access token without user, scope or refresh token', async () => {
    const answer = await postToken(sim, { grant_type: 'client_credentials' }, seedBasic);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ access_token: anyString, token_type: 'Bearer', expires_in: 3600 });
  });

  it('requires the client secret', async () => {
    const noSecret = await postToken(sim, { grant_type: 'client_credentials', client_id: SEED_CLIENT_ID });
    expect(noSecret.body).toEqual({ error: 'invalid_client', error_description: 'Invalid client secret' });
    const formSecret = await postToken(sim, {
      grant_type: 'client_credentials',
      client_id: SEED_CLIENT_ID,
      client_secret: SEED_CLIENT_SECRET,
    });
    expect(formSecret.status).toBe(200);
  });
});
