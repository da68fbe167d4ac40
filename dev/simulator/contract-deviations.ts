import type { OpenApiContract } from './openapi-contract.ts';
import type { SimResponse } from './http.ts';

/**
 * Answers that docs/SPOTIFY.md documents but openapi.yml does not list for the operation. The contract
 * check holds them to docs/SPOTIFY.md's rules instead of reporting "status N is not described":
 * - 400 and 404 anywhere (bad parameters, NO_ACTIVE_DEVICE, "Device not found", unknown IDs): a Spotify
 *   error body, `{"error":ErrorObject}`, or for 400 also a bare ErrorObject ("some 400s come without the
 *   wrapper").
 * - 204 with no body from GET /me/player/currently-playing ("204 possible").
 * - 200 with a non-JSON text body from a player command the spec documents as 204 ("often answer 200 with
 *   a non-JSON body").
 * - 202 with no body from such a command ("202 Accepted … carried out later").
 * Returns `undefined` when none applies, so the ordinary violation stands.
 */
export function deviationProblems(
  contract: OpenApiContract,
  method: string,
  path: string,
  response: SimResponse,
): string[] | undefined {
  const { status } = response;
  if (status === 400 || status === 404) {
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return ['error body is not valid JSON'];
    }
    const wrapped =
      body !== null && typeof body === 'object' && 'error' in body
        ? contract.validateSchema('ErrorObject', body.error)
        : ["(body) must have required property 'error'"];
    if (wrapped.length === 0 || status === 404) return wrapped;
    return contract.validateSchema('ErrorObject', body).length === 0 ? [] : wrapped;
  }
  if (status === 204 && method === 'GET' && path === '/v1/me/player/currently-playing')
    return response.body === '' ? [] : ['a 204 response must have no body'];
  const isCommand = method !== 'GET' && (path === '/v1/me/player' || path.startsWith('/v1/me/player/'));
  if (status === 202 && isCommand && contract.describesStatus(method, path, 204))
    return response.body === '' ? [] : ["a command's 202 must have no body"];
  if (status === 200 && isCommand && contract.describesStatus(method, path, 204)) {
    const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim();
    return type === 'text/plain' ? [] : [`a command's 200 body should be text/plain, got "${type ?? ''}"`];
  }
  return undefined;
}
