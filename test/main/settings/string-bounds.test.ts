import { describe, expect, it } from 'vitest';
import { sanitizeSettingsReport } from '../../../src/main/settings/sanitize.ts';
import { SETTINGS_JSON_SCHEMA } from '../../../src/main/settings/schema.ts';
import {
  DEFAULT_SETTINGS,
  MAX_CLIENT_ID_LENGTH,
  MAX_REDIRECT_URI_LENGTH,
  settingsPatchSchema,
} from '../../../src/shared/settings.ts';

describe('settings string bounds', () => {
  it('a settings file with a huge redirect URI falls back to the default for that key only', () => {
    const report = sanitizeSettingsReport({
      redirectUri: `http://127.0.0.1/${'a'.repeat(10_000)}`,
      mediaKeys: false,
    });
    expect(report.settings.redirectUri).toBe(DEFAULT_SETTINGS.redirectUri);
    expect(report.settings.mediaKeys).toBe(false);
    expect(report.dropped).toEqual(['redirectUri']);
  });

  it('a settings file with an oversized client ID forgets it', () => {
    const report = sanitizeSettingsReport({ clientId: 'a'.repeat(MAX_CLIENT_ID_LENGTH + 1) });
    expect(report.settings.clientId).toBeNull();
    expect(report.dropped).toEqual(['clientId']);
  });

  it('the JSON schema the store validates with carries the same limits', () => {
    expect(SETTINGS_JSON_SCHEMA.redirectUri).toMatchObject({ maxLength: MAX_REDIRECT_URI_LENGTH });
    expect(JSON.stringify(SETTINGS_JSON_SCHEMA.clientId)).toContain(`"maxLength":${MAX_CLIENT_ID_LENGTH}`);
  });

  it('the patch the renderer sends is bounded the same way', () => {
    expect(settingsPatchSchema.safeParse({ redirectUri: 'x'.repeat(MAX_REDIRECT_URI_LENGTH) }).success).toBe(
      true,
    );
    expect(
      settingsPatchSchema.safeParse({ redirectUri: 'x'.repeat(MAX_REDIRECT_URI_LENGTH + 1) }).success,
    ).toBe(false);
  });
});
