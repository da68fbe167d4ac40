import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** A request as route handlers see it: already read, path split from query. */
export interface SimRequest {
  method: string;
  /** Path without the query, e.g. `/v1/me`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Path parameters of the matched route pattern. */
  params: Record<string, string>;
}

/** What a handler answers; the server logs it, checks it against the contract, then writes it. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function html(status: number, markup: string): SimResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // No scripts, no framing. No form-action: Chrome applies it to the redirect after the form post.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-frame-options': 'DENY',
    },
    body: markup,
  };
}

export function text(status: number, body: string): SimResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

export function redirect(location: string): SimResponse {
  return { status: 302, headers: { location }, body: '' };
}

export function empty(status: number): SimResponse {
  return { status, headers: {}, body: '' };
}

export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form fields of an `application/x-www-form-urlencoded` body; empty for any other content type. */
export function formOf(req: SimRequest): URLSearchParams {
  const type = req.headers['content-type'] ?? '';
  return /^application\/x-www-form-urlencoded\b/i.test(type)
    ? new URLSearchParams(req.body)
    : new URLSearchParams();
}

/** `Basic base64(id:secret)` → its parts; `null` if the header is absent, `undefined` if malformed. */
export function parseBasicAuth(
  header: string | undefined,
): { id: string; secret: string } | null | undefined {
  if (header === undefined) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
