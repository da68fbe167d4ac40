import type { Env } from '../../auth/index.ts';
import type { SettingsStore } from '../../settings/settings-store.ts';

/** The client ID in use: the settings', else TRAYTUNE_CLIENT_ID's; null when neither has one. */
export function configuredClientId(settings: SettingsStore, env: Env): string | null {
  return settings.get().clientId ?? (env['TRAYTUNE_CLIENT_ID']?.trim() || null);
}
