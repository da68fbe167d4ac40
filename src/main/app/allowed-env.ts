import type { Env } from '../auth/index.ts';

/**
 * Variables that point Traytune at other servers or credentials. A packaged build ignores them: set in a
 * user's environment, they could send the refresh token to any host. Development builds keep them (the
 * simulator, the harness).
 */
const DEVELOPMENT_ONLY_ENV: readonly string[] = Object.freeze([
  'TRAYTUNE_ACCOUNTS_URL',
  'TRAYTUNE_API_URL',
  'TRAYTUNE_CLIENT_SECRET',
]);

/** The environment TraytuneApp may read: `env` without the development-only variables when `packaged`. */
export function allowedEnv(env: Env, options: { packaged: boolean }): Env {
  if (!options.packaged) return { ...env };
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!DEVELOPMENT_ONLY_ENV.includes(name)) out[name] = value;
  }
  return out;
}
