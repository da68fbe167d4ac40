import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, createState } from '../../../src/main/auth/authorize-url.ts';
import { codeChallengeS256 } from '../../../src/main/auth/pkce.ts';
import { TRAYTUNE_SCOPES, formatScopes, missingScopes, parseScopes } from '../../../src/main/auth/scopes.ts';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('authorize URL', () => {
  it('carries every parameter Spotify needs', () => {
    const url = new URL(
      buildAuthorizeUrl({
        accountsUrl: 'https://accounts.spotify.com/',
        clientId: '0123456789abcdef0123456789abcdef',
        redirectUri: 'http://127.0.0.1:43123/callback',
        scopes: TRAYTUNE_SCOPES,
        state: 'st4te',
        codeChallenge: codeChallengeS256(VERIFIER),
      }),
    );
    expect(url.origin + url.pathname).toBe('https://accounts.spotify.com/authorize');
    const q = url.searchParams;
    expect(q.get('client_id')).toBe('0123456789abcdef0123456789abcdef');
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe('http://127.0.0.1:43123/callback');
    expect(q.get('scope')).toBe(TRAYTUNE_SCOPES.join(' '));
    expect(q.get('state')).toBe('st4te');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(q.has('show_dialog')).toBe(false);
    expect(url.search).not.toContain(VERIFIER);
  });

  it('adds show_dialog only when asked', () => {
    const url = new URL(
      buildAuthorizeUrl({
        accountsUrl: 'http://127.0.0.1:9999/base',
        clientId: 'c',
        redirectUri: 'http://[::1]:5000/cb',
        scopes: ['a', 'b', 'a'],
        state: 's',
        codeChallenge: 'x'.repeat(43),
        showDialog: true,
      }),
    );
    expect(url.pathname).toBe('/base/authorize');
    expect(url.searchParams.get('show_dialog')).toBe('true');
    expect(url.searchParams.get('scope')).toBe('a b');
  });

  it('generates a 128-bit base64url state', () => {
    const s = createState();
    expect(s).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(s, 'base64url')).toHaveLength(16);
    expect(createState()).not.toBe(s);
    expect(createState(() => new Uint8Array(16).fill(255))).toBe('_____________________w');
  });
});

describe('scopes', () => {
  it('lists what Traytune needs', () => {
    expect(TRAYTUNE_SCOPES).toEqual([
      'user-read-playback-state',
      'user-modify-playback-state',
      'user-read-currently-playing',
      'user-read-recently-played',
      'user-read-private',
      'user-library-read',
      'user-library-modify',
      'playlist-read-private',
      'playlist-modify-public',
      'playlist-modify-private',
    ]);
  });

  it('formats, parses and diffs', () => {
    expect(formatScopes(['a', 'b'])).toBe('a b');
    expect(parseScopes('  a  b a ')).toEqual(['a', 'b']);
    expect(parseScopes(undefined)).toEqual([]);
    expect(missingScopes(['user-read-private'], ['user-read-private', 'user-library-read'])).toEqual([
      'user-library-read',
    ]);
  });
});
