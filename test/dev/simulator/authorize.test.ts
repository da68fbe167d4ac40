import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CLIENT_ID, startSimulator, type Simulator } from '../../../dev/simulator/index.ts';
import { authorize, getAuthorize, pkceParams, postDecision, requestIdOf } from './helpers.ts';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.close());

/** Status, the page text (error pages), or where it redirects. */
async function outcome(params: Record<string, string | undefined>) {
  const res = await getAuthorize(sim, params);
  return { status: res.status, location: res.headers.get('location'), page: await res.text() };
}

describe('redirect URI rules', () => {
  const withUri = (redirect_uri: string | undefined) => outcome(pkceParams({ redirect_uri }));

  it('accepts any port for a loopback URI registered without a port, on 127.0.0.1 and [::1]', async () => {
    for (const uri of [
      'http://127.0.0.1:53682/callback',
      'http://127.0.0.1:1/callback',
      'http://[::1]:4444/callback',
    ]) {
      const result = await withUri(uri);
      expect(result.status, uri).toBe(200);
      expect(result.page).toContain('Agree');
    }
  });

  it('accepts the port-less registered URI itself', async () => {
    expect((await withUri('http://127.0.0.1/callback')).status).toBe(200);
  });

  it('answers a mismatch with the "Invalid redirect URI" page and no redirect', async () => {
    for (const uri of [
      'http://127.0.0.1:53682/other',
      'http://127.0.0.1:53682/callback/',
      'http://127.0.0.1:53682/callback?x=1',
      'http://127.0.0.1:0/callback',
      'http://127.0.0.1:70000/callback',
      'https://127.0.0.1:53682/callback',
      'not a uri',
    ]) {
      const result = await withUri(uri);
      expect(result.status, uri).toBe(400);
      expect(result.location, uri).toBeNull();
      expect(result.page, uri).toContain('INVALID_CLIENT: Invalid redirect URI');
    }
  });

  it('refuses a missing redirect URI', async () => {
    const result = await withUri(undefined);
    expect(result.page).toContain('INVALID_CLIENT: Invalid redirect URI');
  });

  it('holds a URI registered with a port to exactly that port', async () => {
    sim.registerApp({ clientId: 'a'.repeat(32), redirectUris: ['http://127.0.0.1:8888/cb'] });
    const ask = (redirect_uri: string) => outcome(pkceParams({ client_id: 'a'.repeat(32), redirect_uri }));
    expect((await ask('http://127.0.0.1:8888/cb')).status).toBe(200);
    expect((await ask('http://127.0.0.1:8889/cb')).page).toContain('Invalid redirect URI');
    expect((await ask('http://127.0.0.1/cb')).page).toContain('Invalid redirect URI');
  });

  it('calls localhost insecure even when it is registered', async () => {
    sim.registerApp({
      clientId: 'b'.repeat(32),
      redirectUris: ['http://localhost:8888/cb', 'https://localhost/cb'],
    });
    for (const uri of ['http://localhost:8888/cb', 'https://localhost/cb']) {
      const result = await outcome(pkceParams({ client_id: 'b'.repeat(32), redirect_uri: uri }));
      expect(result.status).toBe(400);
      expect(result.location).toBeNull();
      expect(result.page).toContain('Insecure redirect URI');
    }
  });

  it('calls plain http on a non-loopback host insecure, and matches https and custom schemes exactly', async () => {
    sim.registerApp({
      clientId: 'c'.repeat(32),
      redirectUris: ['http://example.com/cb', 'https://example.com/cb', 'traytune://callback'],
    });
    const ask = (redirect_uri: string) => outcome(pkceParams({ client_id: 'c'.repeat(32), redirect_uri }));
    expect((await ask('http://example.com/cb')).page).toContain('Insecure redirect URI');
    expect((await ask('http://127.0.0.2:5000/cb')).page).toContain('Insecure redirect URI');
    expect((await ask('https://example.com/cb')).status).toBe(200);
    expect((await ask('https://example.com:8443/cb')).page).toContain('Invalid redirect URI');
    expect((await ask('traytune://callback')).status).toBe(200);
  });

  it('does not let a [::1] request match a 127.0.0.1 registration', async () => {
    sim.registerApp({ clientId: 'd'.repeat(32), redirectUris: ['http://127.0.0.1/cb'] });
    const result = await outcome(
      pkceParams({ client_id: 'd'.repeat(32), redirect_uri: 'http://[::1]:5000/cb' }),
    );
    expect(result.page).toContain('Invalid redirect URI');
  });

  it('redirects to the requested URI, port included', async () => {
    const location = await authorize(sim, pkceParams({ redirect_uri: 'http://[::1]:4444/callback' }));
    expect(location.origin + location.pathname).toBe('http://[::1]:4444/callback');
    expect(location.searchParams.get('code')).toMatch(/^\S{40,}$/);
  });
});

describe('authorize request validation', () => {
  it('shows "INVALID_CLIENT: Invalid client" for an unknown or missing client_id', async () => {
    for (const client_id of ['f'.repeat(32), undefined]) {
      const result = await outcome(pkceParams({ client_id }));
      expect(result.status).toBe(400);
      expect(result.location).toBeNull();
      expect(result.page).toContain('INVALID_CLIENT: Invalid client');
    }
  });

  it('redirects invalid_scope for an unknown scope, with the state', async () => {
    const result = await outcome(pkceParams({ scope: 'user-read-private user-read-everything' }));
    expect(result.status).toBe(302);
    const location = new URL(result.location ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('state')).toBe('st-123');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('redirects errors for a bad response_type or PKCE parameters', async () => {
    const cases: [Record<string, string | undefined>, string][] = [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ response_type: undefined }, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge_method: undefined }, 'invalid_request'],
      [{ code_challenge: undefined }, 'invalid_request'],
      [{ code_challenge: 'too-short' }, 'invalid_request'],
      [{ code_challenge: `${'A'.repeat(42)}=` }, 'invalid_request'],
    ];
    for (const [overrides, error] of cases) {
      const result = await outcome(pkceParams(overrides));
      expect(result.status, JSON.stringify(overrides)).toBe(302);
      expect(new URL(result.location ?? '').searchParams.get('error'), JSON.stringify(overrides)).toBe(error);
    }
  });

  it('accepts a request without PKCE (a client that will authenticate with its secret)', async () => {
    const result = await outcome(pkceParams({ code_challenge: undefined, code_challenge_method: undefined }));
    expect(result.status).toBe(200);
  });

  it('accepts an empty scope', async () => {
    const location = await authorize(sim, pkceParams({ scope: undefined }));
    expect(location.searchParams.has('code')).toBe(true);
  });

  it('shows a "not registered" page, not a redirect, to a user outside the allow-list', async () => {
    sim.registerApp({
      clientId: SEED_CLIENT_ID,
      redirectUris: ['http://127.0.0.1/callback'],
      allowListedUserIds: ['somebody-else'],
    });
    const result = await outcome(pkceParams());
    expect(result.status).toBe(403);
    expect(result.location).toBeNull();
    expect(result.page).toMatch(/not registered for this app/);
    expect(result.page).toContain('developer.spotify.com/dashboard');
  });
});

describe('consent page', () => {
  it('names the app and lists the scopes, with Agree and Cancel buttons posting an opaque id', async () => {
    const result = await outcome(pkceParams());
    expect(result.status).toBe(200);
    expect(result.page).toContain('Traytune');
    expect(result.page).toContain('user-read-private');
    expect(result.page).toContain('user-read-playback-state');
    expect(result.page).toMatch(/<form method="post" action="\/authorize\/decision">/);
    expect(result.page).toMatch(/<button type="submit" name="decision" value="agree">Agree<\/button>/);
    expect(result.page).toMatch(/<button type="submit" name="decision" value="cancel">Cancel<\/button>/);
    // The form carries nothing but the pending-request id.
    expect(result.page).not.toContain('st-123');
    expect(result.page).not.toContain('53682');
    expect(requestIdOf(result.page)).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });

  it('Agree redirects with a code and the state', async () => {
    const page = await (await getAuthorize(sim, pkceParams())).text();
    const res = await postDecision(sim, requestIdOf(page), 'agree');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:53682/callback');
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('st-123');
    expect(location.searchParams.has('error')).toBe(false);
  });

  it('Cancel redirects with error=access_denied and the state', async () => {
    const page = await (await getAuthorize(sim, pkceParams())).text();
    const res = await postDecision(sim, requestIdOf(page), 'cancel');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect([...location.searchParams]).toEqual([
      ['error', 'access_denied'],
      ['state', 'st-123'],
    ]);
  });

  it('omits state from the answer when none was sent', async () => {
    const location = await authorize(sim, pkceParams({ state: undefined }));
    expect(location.searchParams.has('state')).toBe(false);
  });

  it('answers each pending request once, and refuses unknown ids and decisions', async () => {
    const id = requestIdOf(await (await getAuthorize(sim, pkceParams())).text());
    expect((await postDecision(sim, id, 'maybe')).status).toBe(400);
    expect((await postDecision(sim, id, 'agree')).status).toBe(302);
    const again = await postDecision(sim, id, 'agree');
    expect(again.status).toBe(400);
    expect(again.headers.get('location')).toBeNull();
    expect((await postDecision(sim, 'made-up', 'agree')).status).toBe(400);
  });

  it('skips the page for scopes already granted, unless show_dialog=true', async () => {
    await authorize(sim, pkceParams());
    const again = await outcome(pkceParams({ state: 'second' }));
    expect(again.status).toBe(302);
    const location = new URL(again.location ?? '');
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('second');

    expect((await outcome(pkceParams({ scope: 'user-read-private' }))).status).toBe(302);
    expect((await outcome(pkceParams({ show_dialog: 'true' }))).status).toBe(200);
    expect((await outcome(pkceParams({ scope: 'user-read-private streaming' }))).status).toBe(200);
  });

  it('asks again after Cancel, and after a different user logs in', async () => {
    await authorize(sim, pkceParams(), 'cancel');
    expect((await outcome(pkceParams())).status).toBe(200);
    await authorize(sim, pkceParams());
    sim.addUser({ id: 'second-user' });
    sim.setConsentUser('second-user');
    expect((await outcome(pkceParams())).status).toBe(200);
  });

  it('escapes everything it reflects', async () => {
    sim.registerApp({
      clientId: 'e'.repeat(32),
      name: '<script>alert(1)</script>',
      redirectUris: ['http://127.0.0.1/callback'],
    });
    sim.addUser({ id: 'evil', displayName: '"><img src=x onerror=alert(2)>' });
    sim.setConsentUser('evil');
    const result = await outcome(pkceParams({ client_id: 'e'.repeat(32) }));
    expect(result.status).toBe(200);
    expect(result.page).not.toContain('<script>alert');
    expect(result.page).not.toContain('<img');
    expect(result.page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});
