import type { SimClock } from './clock.ts';
import { MediaStore } from './media.ts';
import { resolveProfile, type SimProfile } from './profile.ts';
import { TokenStore } from './tokens.ts';
import type { AppRegistration, CommandResponseStyle, RotationMode, UserRegistration } from './types.ts';

export interface AppRecord {
  clientId: string;
  clientSecret: string | undefined;
  name: string;
  redirectUris: readonly string[];
  /** `undefined` = everyone may sign in. */
  allowListedUserIds: ReadonlySet<string> | undefined;
  mode: 'development' | 'extended';
}

export interface UserRecord {
  id: string;
  displayName: string;
  premium: boolean;
  email: string;
  country: string;
}

/** An /authorize request waiting for Agree or Cancel. The consent form carries only its `id`. */
export interface PendingAuthorization {
  id: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | undefined;
}

/** Everything the simulated Spotify knows: apps, users, who is logged in, consents, tokens. */
export class SimState {
  readonly clock: SimClock;
  /** How much of Spotify's real behaviour is played out (profile.ts). */
  readonly profile: SimProfile;
  readonly tokens: TokenStore;
  readonly apps = new Map<string, AppRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly pending = new Map<string, PendingAuthorization>();
  /** Players, libraries and playlists, per user. */
  readonly media: MediaStore;
  consentUserId: string | undefined;
  rotation: RotationMode = 'rotate';
  /** How successful player commands answer: 204 as documented, or 200 with a non-JSON text body. */
  commandStyle: CommandResponseStyle = '204';
  /** `userId clientId` → scopes granted so far. */
  readonly #consents = new Map<string, Set<string>>();

  constructor(clock: SimClock, profile: SimProfile = resolveProfile()) {
    this.clock = clock;
    this.profile = profile;
    this.tokens = new TokenStore(clock);
    // The media store plays out the profile's content half; a user's market is their country.
    this.media = new MediaStore(clock, profile, (userId) => this.users.get(userId)?.country ?? 'SE');
  }

  registerApp(app: AppRegistration): void {
    if (!app.clientId) throw new Error('registerApp: clientId is required');
    this.apps.set(app.clientId, {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      name: app.name ?? `App ${app.clientId.slice(0, 8)}`,
      redirectUris: [...app.redirectUris],
      allowListedUserIds: app.allowListedUserIds ? new Set(app.allowListedUserIds) : undefined,
      mode: app.mode ?? 'development',
    });
  }

  addUser(user: UserRegistration): void {
    if (!user.id) throw new Error('addUser: id is required');
    this.users.set(user.id, {
      id: user.id,
      displayName: user.displayName ?? user.id,
      premium: user.premium ?? true,
      email: user.email ?? `${user.id}@example.invalid`,
      country: user.country ?? 'SE',
    });
  }

  setConsentUser(userId: string): void {
    if (!this.users.has(userId)) throw new Error(`setConsentUser: unknown user ${JSON.stringify(userId)}`);
    this.consentUserId = userId;
  }

  isAllowListed(app: AppRecord, userId: string): boolean {
    return app.allowListedUserIds === undefined || app.allowListedUserIds.has(userId);
  }

  hasConsented(userId: string, clientId: string, scopes: readonly string[]): boolean {
    const granted = this.#consents.get(`${userId} ${clientId}`);
    return granted !== undefined && scopes.every((scope) => granted.has(scope));
  }

  recordConsent(userId: string, clientId: string, scopes: readonly string[]): void {
    const key = `${userId} ${clientId}`;
    const granted = this.#consents.get(key) ?? new Set<string>();
    for (const scope of scopes) granted.add(scope);
    this.#consents.set(key, granted);
  }
}
