import { describe, expect, it } from 'vitest';
import type { ConnectionState, PlayerError } from '../../src/shared/player.ts';
import { alertableError, bannerNote, isConsentCancelled } from '../../src/renderer/alerts.ts';
import { idleSnapshot } from '../support/player-snapshot.ts';

const error = (source: PlayerError['source'], kind: string, message = 'Something.'): PlayerError => ({
  kind,
  message,
  source,
  at: 0,
  until: null,
});

const rateLimited: ConnectionState = {
  status: 'rate-limited',
  message: 'Spotify asked Traytune to slow down.',
  rateLimitedUntil: 1,
};

describe('alertableError: each failure is shown once, by the banner or by an alert', () => {
  it('hides a failed read that the banner explains', () => {
    for (const status of ['rate-limited', 'quota-exceeded', 'offline', 'reconnect-needed'] as const) {
      const s = idleSnapshot({
        connection: { ...rateLimited, status },
        error: error('sync', 'rate-limited', 'Try again in 30 seconds.'),
      });
      expect(alertableError(s), status).toBeNull();
    }
    const same = idleSnapshot({
      connection: { status: 'premium-required', message: 'Needs Premium.', rateLimitedUntil: null },
      error: error('sync', 'premium-required', 'Needs Premium.'),
    });
    expect(alertableError(same)).toBeNull();
  });

  it('hides a command refused for the reason the banner gives (the banner answers the press)', () => {
    const cases: [ConnectionState['status'], string][] = [
      ['rate-limited', 'rate-limited'],
      ['quota-exceeded', 'quota-exceeded'],
      ['premium-required', 'premium-required'],
      ['no-device', 'no-active-device'],
    ];
    for (const [status, kind] of cases) {
      const s = idleSnapshot({ connection: { ...rateLimited, status }, error: error('play', kind) });
      expect(alertableError(s), status).toBeNull();
      expect(bannerNote(s), status).toMatch(/^Play was not (sent|carried out)/);
    }
  });

  it('shows a failed read the banner does not tell, and a command failure of another kind', () => {
    const unrelated = error('sync', 'server', 'Spotify is having problems.');
    expect(alertableError(idleSnapshot({ error: unrelated }))).toBe(unrelated);
    const noDevice = { status: 'no-device', message: 'Nothing is playing.', rateLimitedUntil: null } as const;
    expect(alertableError(idleSnapshot({ connection: noDevice, error: unrelated }))).toBe(unrelated);
    // Offline, and Spotify refused this one press for its own reason: that reason is news.
    const restricted = error('next', 'restricted', 'This is the last track.');
    const offline = { status: 'offline', message: 'Offline.', rateLimitedUntil: null } as const;
    expect(alertableError(idleSnapshot({ connection: offline, error: restricted }))).toBe(restricted);
    expect(bannerNote(idleSnapshot({ connection: offline, error: restricted }))).toBeNull();
    // A press refused for a rate limit after the pause ended (the banner is gone): over, no alert.
    expect(alertableError(idleSnapshot({ error: error('play', 'rate-limited') }))).toBeNull();
    expect(bannerNote(idleSnapshot({ error: error('play', 'rate-limited') }))).toBeNull();
    expect(alertableError(idleSnapshot())).toBeNull();
    expect(alertableError(null)).toBeNull();
  });
});

describe('bannerNote: the press refused during a rate limit says it was not carried out', () => {
  it('names the command; the banner says to press it again (commands are refused, not held)', () => {
    const s = idleSnapshot({ connection: rateLimited, error: error('next', 'rate-limited') });
    expect(bannerNote(s)).toBe('Next track was not sent.');
    const volume = idleSnapshot({ connection: rateLimited, error: error('volume', 'rate-limited') });
    expect(bannerNote(volume)).toBe('The volume change was not sent.');
  });

  it('says nothing for a failed read, a device-list fetch, or no error', () => {
    expect(
      bannerNote(idleSnapshot({ connection: rateLimited, error: error('sync', 'rate-limited') })),
    ).toBeNull();
    expect(
      bannerNote(idleSnapshot({ connection: rateLimited, error: error('devices', 'rate-limited') })),
    ).toBeNull();
    expect(bannerNote(idleSnapshot({ connection: rateLimited }))).toBeNull();
    expect(bannerNote(null)).toBeNull();
  });
});

describe('isConsentCancelled', () => {
  it('knows the code for Cancel on the consent page, and nothing else', () => {
    expect(isConsentCancelled({ code: 'consent-cancelled', message: '' })).toBe(true);
    // The auth core's own code never reaches the window: sign-in sends 'consent-cancelled' for it.
    expect(isConsentCancelled({ code: 'access-denied', message: '' })).toBe(false);
    // The OAuth wire value is not an error code of the app.
    expect(isConsentCancelled({ code: 'access_denied', message: '' })).toBe(false);
    expect(isConsentCancelled({ code: 'timeout', message: '' })).toBe(false);
    expect(isConsentCancelled({ code: 'invalid-client', message: '' })).toBe(false);
    expect(isConsentCancelled(null)).toBe(false);
  });
});
