import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/main/spotify/api-client.ts';
import { parseErrorBody, scrub } from '../../../src/main/spotify/error-body.ts';
import { SpotifyApiError, errorFromResponse, kindFor } from '../../../src/main/spotify/errors.ts';

describe('parseErrorBody', () => {
  it('reads the wrapped Web API shape', () => {
    expect(
      parseErrorBody(
        '{"error":{"status":404,"message":"Player command failed: No active device found","reason":"NO_ACTIVE_DEVICE"}}',
      ),
    ).toEqual({ message: 'Player command failed: No active device found', reason: 'NO_ACTIVE_DEVICE' });
    expect(parseErrorBody('{"error":{"status":401,"message":"The access token expired"}}')).toEqual({
      message: 'The access token expired',
    });
  });

  it('reads the wrapper-less shape', () => {
    expect(parseErrorBody('{"error":"invalid_client","error_description":"Invalid client"}')).toEqual({
      reason: 'invalid_client',
      message: 'Invalid client',
    });
    expect(parseErrorBody('{"error":"server_error"}')).toEqual({
      reason: 'server_error',
      message: 'server_error',
    });
  });

  it('takes plain text as the message and ignores HTML pages, empty and odd bodies', () => {
    expect(parseErrorBody('  Upstream\n connect error  ')).toEqual({ message: 'Upstream connect error' });
    expect(parseErrorBody('<!DOCTYPE html><html><body>502</body></html>')).toEqual({});
    expect(parseErrorBody('')).toEqual({});
    expect(parseErrorBody('[1,2]')).toEqual({});
    expect(parseErrorBody('{"error":{"status":500}}')).toEqual({});
    expect(parseErrorBody('{"message":"Too many requests"}')).toEqual({ message: 'Too many requests' });
  });

  it('never lets a token-like string or a long text through', () => {
    const token = 'BQ' + 'x'.repeat(150);
    expect(scrub(`Bearer ${token} was rejected`)).toBe('Bearer [redacted] was rejected');
    expect(scrub(`token ${token}`)).toBe('token [redacted]');
    expect(scrub('y '.repeat(300))).toHaveLength(200);
    expect(scrub('Only valid bearer authentication supported')).toBe(
      'Only valid bearer authentication supported',
    );
  });
});

describe('kinds', () => {
  it.each([
    [429, 'QUOTA_EXCEEDED', 'quota-exceeded'],
    [429, undefined, 'rate-limited'],
    [401, undefined, 'unauthorized'],
    [403, 'PREMIUM_REQUIRED', 'premium-required'],
    [404, 'NO_ACTIVE_DEVICE', 'no-active-device'],
    [403, 'NO_PREV_TRACK', 'restricted'],
    [403, 'NO_NEXT_TRACK', 'restricted'],
    [403, 'ALREADY_PAUSED', 'restricted'],
    [403, 'NOT_PAUSED', 'restricted'],
    [403, 'DEVICE_NOT_CONTROLLABLE', 'restricted'],
    [403, 'VOLUME_CONTROL_DISALLOW', 'restricted'],
    [403, 'UNKNOWN', 'restricted'],
    [403, undefined, 'forbidden'],
    [404, undefined, 'not-found'],
    [400, undefined, 'bad-request'],
    [400, 'invalid_request', 'bad-request'],
    [405, undefined, 'bad-request'],
    [500, undefined, 'server'],
    [503, undefined, 'server'],
  ] as const)('%i with reason %s → %s', (status, reason, kind) => {
    expect(kindFor(status, reason)).toBe(kind);
  });

  it('builds one error class with a message that says what to do', () => {
    const error = errorFromResponse({
      status: 404,
      body: '{"error":{"status":404,"message":"Player command failed: No active device found","reason":"NO_ACTIVE_DEVICE"}}',
      operation: 'pause',
    });
    expect(error).toBeInstanceOf(SpotifyApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'SpotifyApiError',
      kind: 'no-active-device',
      status: 404,
      operation: 'pause',
    });
    expect(error.message).toMatch(/Start Spotify on a device/);

    const premium = errorFromResponse({
      status: 403,
      body: '{"error":{"status":403,"message":"x","reason":"PREMIUM_REQUIRED"}}',
    });
    expect(premium.message).toMatch(/Premium/);
    const prev = errorFromResponse({
      status: 403,
      body: '{"error":{"status":403,"message":"x","reason":"NO_PREV_TRACK"}}',
    });
    expect(prev.message).toMatch(/first track .*nothing to go back to\. Seek to the start/);
    const limited = errorFromResponse({ status: 429, body: '', retryAfterMs: 90_000 });
    expect(limited).toMatchObject({ kind: 'rate-limited', retryAfterMs: 90_000 });
    expect(limited.message).toMatch(/Try again in 90 s/);
    expect(limited.transient).toBe(true);
    expect(premium.transient).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-01T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(['2', '5'], now)).toBe(2_000);
    expect(parseRetryAfter('Sun, 01 Nov 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sun, 01 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
