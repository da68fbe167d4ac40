import { describe, expect, it } from 'vitest';
import { loadAuthConfig } from '../../../src/main/auth/config.ts';
import { ConfigError, RedirectUriError } from '../../../src/main/auth/errors.ts';
import {
  loopbackBinding,
  parseRedirectUri,
  redirectUriWithPort,
  type LoopbackRedirectUri,
} from '../../../src/main/auth/redirect-uri.ts';

function loopback(uri: string): LoopbackRedirectUri {
  const parsed = parseRedirectUri(uri);
  if (parsed.kind !== 'loopback') throw new Error('expected loopback');
  return parsed;
}

describe('redirect URI rules', () => {
  it('accepts http on the IPv4 loopback literal without a port: ephemeral port', () => {
    const r = loopback('http://127.0.0.1/callback');
    expect(r.uri).toBe('http://127.0.0.1/callback');
    expect(loopbackBinding(r)).toEqual({
      host: '127.0.0.1',
      port: 0,
      fixedPort: false,
      pathname: '/callback',
    });
    expect(redirectUriWithPort(r, 43123)).toBe('http://127.0.0.1:43123/callback');
  });

  it('uses a fixed port when the URI names one', () => {
    const r = loopback('http://127.0.0.1:8888/callback');
    expect(loopbackBinding(r)).toEqual({
      host: '127.0.0.1',
      port: 8888,
      fixedPort: true,
      pathname: '/callback',
    });
    expect(redirectUriWithPort(r, 8888)).toBe('http://127.0.0.1:8888/callback');
    expect(() => redirectUriWithPort(r, 9999)).toThrow(RedirectUriError);
  });

  it('keeps an explicit :80, which URL parsing would drop', () => {
    const r = loopback('http://127.0.0.1:80/cb');
    expect(r.port).toBe(80);
    expect(redirectUriWithPort(r, 80)).toBe('http://127.0.0.1:80/cb');
  });

  it('binds ::1 for the IPv6 loopback literal', () => {
    const r = loopback('http://[::1]/callback');
    expect(loopbackBinding(r)).toEqual({ host: '::1', port: 0, fixedPort: false, pathname: '/callback' });
    expect(redirectUriWithPort(r, 5000)).toBe('http://[::1]:5000/callback');
    expect(loopbackBinding(loopback('http://[::1]:7000/x')).port).toBe(7000);
  });

  it('keeps a query part of the configured URI', () => {
    expect(redirectUriWithPort(loopback('http://127.0.0.1/cb?app=traytune'), 1234)).toBe(
      'http://127.0.0.1:1234/cb?app=traytune',
    );
  });

  it('refuses a query that clashes with the callback (state, code, error…) at configuration time', () => {
    for (const uri of [
      'http://127.0.0.1/callback?state=fixed',
      'http://127.0.0.1:5000/cb?x=1&code=2',
      'http://[::1]/callback?error=',
      'https://example.com/cb?iss=me',
    ]) {
      expect(() => parseRedirectUri(uri)).toThrow(RedirectUriError);
      expect(() => parseRedirectUri(uri)).toThrow(/must not contain "(state|code|error|iss)=" in its query/);
    }
    expect(() =>
      loadAuthConfig({ clientId: 'a'.repeat(32), redirectUri: 'http://127.0.0.1/cb?state=1' }),
    ).toThrow(ConfigError);
    expect(loopback('http://127.0.0.1/callback?app=traytune').search).toBe('?app=traytune');
  });

  it('refuses localhost and explains to use 127.0.0.1', () => {
    for (const uri of [
      'http://localhost/callback',
      'http://localhost:8888/callback',
      'https://localhost/cb',
    ]) {
      const error = catchError(() => parseRedirectUri(uri));
      expect(error).toBeInstanceOf(RedirectUriError);
      expect(error.message).toContain('127.0.0.1');
    }
  });

  it('refuses plain http off loopback, other schemes, fragments, credentials and garbage', () => {
    for (const uri of [
      'http://example.com/callback',
      'http://192.168.1.2/callback',
      'http://0.0.0.0/callback',
      'ftp://127.0.0.1/callback',
      'http://127.0.0.1/callback#frag',
      'http://user:pw@127.0.0.1/callback',
      'not a url',
    ]) {
      expect(() => parseRedirectUri(uri), uri).toThrow(RedirectUriError);
    }
  });

  it('accepts https anywhere, but a listener cannot serve it', () => {
    const r = parseRedirectUri('https://example.com/spotify/callback');
    expect(r).toEqual({
      kind: 'https',
      uri: 'https://example.com/spotify/callback',
      pathname: '/spotify/callback',
    });
    expect(() => loopbackBinding(r)).toThrow(RedirectUriError);
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
