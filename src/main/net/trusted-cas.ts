import * as tls from 'node:tls';

/**
 * The CA certificates TLS connections to Spotify trust. Passing `ca` replaces Node's store, so the list
 * starts from Node's default one (its bundled roots, NODE_EXTRA_CA_CERTS, and the OS store when Node runs
 * with --use-system-ca) and adds the OS store and the configured extras. `undefined` keeps Node's default.
 *
 * `tls.getCACertificates` exists from Node 22.15 / 23.8 (Electron 45 ships Node 22.20+); without it the
 * OS store cannot be read and only the bundled roots and the extras are used.
 */
export function trustedCas(options: { ca?: readonly string[]; systemCa?: boolean }): string[] | undefined {
  const extra = options.ca ?? [];
  const system = options.systemCa ?? true;
  if (extra.length === 0 && !system) return undefined;
  const read = (tls as { getCACertificates?: (type: 'default' | 'system') => string[] }).getCACertificates;
  const base = read ? read('default') : [...tls.rootCertificates];
  const fromSystem = system && read ? systemCertificates(read) : [];
  return [...new Set([...base, ...fromSystem, ...extra])];
}

function systemCertificates(read: (type: 'system') => string[]): string[] {
  try {
    return read('system');
  } catch {
    // An unreadable OS store (a locked keychain, a broken certificate file): the bundled roots remain.
    return [];
  }
}
