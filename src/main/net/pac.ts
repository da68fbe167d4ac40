/**
 * The answer of a proxy resolver (Electron's `session.resolveProxy`, Chromium's PAC evaluation) for one URL:
 * `"PROXY host:port; DIRECT"`, `"DIRECT"`, `"HTTPS host:port"`, `"SOCKS5 host:port"`, … Entries are tried
 * in order by a browser; undici cannot fail over, so the first entry Traytune can use is taken.
 */

type ProxyRoute = { readonly kind: 'direct' } | { readonly kind: 'proxy'; readonly url: string };

export interface PacChoice {
  readonly route: ProxyRoute;
  /** Entries passed over because undici cannot use them (SOCKS4, QUIC, …), as their keyword only. */
  readonly unsupported: readonly string[];
}

const SCHEMES: Readonly<Record<string, string>> = {
  PROXY: 'http',
  HTTP: 'http',
  HTTPS: 'https',
  // undici speaks SOCKS5 only; plain "SOCKS" in a PAC answer means SOCKS4.
  SOCKS5: 'socks5',
};

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

export function parsePacResult(answer: string): PacChoice {
  const unsupported: string[] = [];
  for (const entry of answer.split(';')) {
    const [keyword = '', target = '', ...rest] = entry.trim().split(/\s+/);
    const kind = keyword.toUpperCase();
    if (kind === '') continue;
    if (kind === 'DIRECT') return { route: { kind: 'direct' }, unsupported };
    const scheme = SCHEMES[kind];
    const match = HOST_PORT.exec(target);
    if (scheme === undefined || match === null || rest.length > 0 || Number(match[2]) > 65_535) {
      // Only the keyword is kept: a malformed entry is not echoed into a log.
      unsupported.push(/^[A-Z0-9]{1,16}$/.test(kind) ? kind : 'unreadable entry');
      continue;
    }
    return { route: { kind: 'proxy', url: `${scheme}://${match[1]}:${match[2]}` }, unsupported };
  }
  // Nothing usable (or an empty answer): direct, as a browser does when every entry fails.
  return { route: { kind: 'direct' }, unsupported };
}
