/** Host names (as `URL.hostname` gives them) that stay on this computer. */
const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Whether a URL's host is this computer: where plain http (the simulator, a dev server) is acceptable. */
export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname);
}
