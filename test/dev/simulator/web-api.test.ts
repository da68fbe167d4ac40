import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID, startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { anyString, getMe, matching, postToken, seedBasic, signIn } from './helpers.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

const error = (status: number, message: string) => ({ status, body: { error: { status, message } } });

describe('GET /v1/me', () => {
  it('answers the user without product, email, country or followers for a development-mode app', async () => {
    const token = String((await signIn(sim))['access_token']);
    const me = await getMe(sim, token);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      account_id: anyString,
      display_name: 'Traytune Tester',
      external_urls: { spotify: 'https://open.spotify.com/user/traytune-tester' },
      href: `${sim.apiUrl}/users/traytune-tester`,
      id: 'traytune-tester',
      images: [],
      type: 'user',
      uri: 'spotify:user:traytune-tester',
    });
  });

  it('includes product and the rest for an extended-quota app', async () => {
    sim.registerApp({
      clientId: SEED_CLIENT_ID,
      redirectUris: ['http://127.0.0.1/callback'],
      mode: 'extended',
    });
    sim.addUser({ id: 'free-user', premium: false, country: 'DE' });
    sim.setConsentUser('free-user');
    const me = await getMe(sim, String((await signIn(sim))['access_token']));
    expect(me.body).toMatchObject({
      id: 'free-user',
      product: 'free',
      country: 'DE',
      followers: { total: 0 },
    });
  });

  it('refuses a missing, malformed or unknown token with "Invalid access token"', async () => {
    expect(await getMe(sim)).toEqual(error(401, 'Invalid access token'));
    expect(await getMe(sim, 'BQnot-a-token')).toEqual(error(401, 'Invalid access token'));
    const res = await fetch(`${sim.apiUrl}/me`, { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('answers "The access token expired" after 3600 s of simulator time', async () => {
    const token = String((await signIn(sim))['access_token']);
    sim.clock.advance(3600_000 - 1);
    expect((await getMe(sim, token)).status).toBe(200);
    sim.clock.advance(1);
    expect(await getMe(sim, token)).toEqual(error(401, 'The access token expired'));
  });

  it('refuses a client-credentials token with 401 "Valid user authentication required"', async () => {
    const answer = await postToken(sim, { grant_type: 'client_credentials' }, seedBasic);
    expect(await getMe(sim, String(answer.body['access_token']))).toEqual(
      error(401, 'Valid user authentication required'),
    );
  });

  it('answers 403 once the user is removed from a development-mode allow-list', async () => {
    const token = String((await signIn(sim))['access_token']);
    sim.registerApp({ clientId: SEED_CLIENT_ID, redirectUris: [], allowListedUserIds: [] });
    const me = await getMe(sim, token);
    expect(me.status).toBe(403);
    expect(me.body).toEqual({
      error: { status: 403, message: matching('may not be registered') },
    });
  });
});

describe('routing', () => {
  it('answers unknown Web API routes with 404 "Service not found"', async () => {
    for (const path of ['/nope', '/me/nothing-here', '/me/']) {
      const res = await fetch(`${sim.apiUrl}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: { status: 404, message: 'Service not found' } });
    }
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const res = await fetch(`${sim.apiUrl}/me`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('answers unknown accounts paths with a plain 404', async () => {
    const res = await fetch(`${sim.url}/nothing`);
    expect(res.status).toBe(404);
  });

  it('serves accounts and API from one loopback origin', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.accountsUrl).toBe(sim.url);
    expect(sim.apiUrl).toBe(`${sim.url}/v1`);
  });
});
