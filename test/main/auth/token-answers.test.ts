import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OAuthError } from '../../../src/main/auth/errors.ts';
import { REDACTED, scrubSecrets } from '../../../src/main/auth/scrub.ts';
import { TokenEndpoint } from '../../../src/main/auth/token-endpoint.ts';
import { errorText } from './helpers.ts';

/** A real token endpoint on loopback that answers every request with `answer(form)`. */
async function withServer(
  answer: (form: URLSearchParams) => { status: number; body: unknown },
  run: (accountsUrl: string) => Promise<void>,
): Promise<void> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { status, body: json } = answer(new URLSearchParams(body));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((r) => server.close(r));
  }
}

const noScope = { access_token: 'BQaccess', token_type: 'Bearer', expires_in: 3600 };
const REQUESTED = ['user-read-playback-state', 'user-modify-playback-state'];
const CODE = 'AQcode-0123456789-abcdefghijklmnop';
const VERIFIER = 'v'.repeat(20) + 'VERIFIER0123456789_-.~abc';
const REFRESH = 'AQrefresh-0123456789-ABCDEFGHIJKLMNOP';
const SECRET = 'client-secret-0f1e2d3c4b5a69788796a5b4';

describe('token answers without scope (RFC 6749 §5.1)', () => {
  it('a code exchange keeps the scopes that were requested', async () => {
    await withServer(
      () => ({ status: 200, body: noScope }),
      async (accountsUrl) => {
        const token = await new TokenEndpoint({ accountsUrl }).exchangeCode({
          client: { clientId: 'cid' },
          code: CODE,
          redirectUri: 'http://127.0.0.1:5555/callback',
          codeVerifier: 'v'.repeat(43),
          scopes: REQUESTED,
        });
        expect(token.scopes).toEqual(REQUESTED);
      },
    );
  });

  it('a refresh keeps the grant’s scopes; a scope in the answer wins', async () => {
    let scope: string | undefined;
    await withServer(
      () => ({ status: 200, body: scope === undefined ? noScope : { ...noScope, scope } }),
      async (accountsUrl) => {
        const endpoint = new TokenEndpoint({ accountsUrl });
        const params = {
          client: { clientId: 'cid' },
          refreshToken: REFRESH,
          authorizedAt: 1,
          scopes: REQUESTED,
        };
        expect((await endpoint.refresh(params)).scopes).toEqual(REQUESTED);
        scope = 'user-read-playback-state';
        expect((await endpoint.refresh(params)).scopes).toEqual(['user-read-playback-state']);
      },
    );
  });
});

describe('error_description is scrubbed before it is kept', () => {
  it('removes the refresh token, code, verifier and client secret a server echoes', async () => {
    await withServer(
      (form) => ({
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description:
            `Invalid refresh token ${form.get('refresh_token') ?? ''} / code ${form.get('code') ?? ''} ` +
            `verifier=${form.get('code_verifier') ?? ''} secret ${SECRET} (${encodeURIComponent(SECRET)})`,
        },
      }),
      async (accountsUrl) => {
        const endpoint = new TokenEndpoint({ accountsUrl });
        const client = { clientId: 'cid', clientSecret: SECRET };
        const errors = [
          await endpoint.refresh({ client, refreshToken: REFRESH, authorizedAt: 1 }).catch((e: unknown) => e),
          await endpoint
            .exchangeCode({ client, code: CODE, redirectUri: 'http://127.0.0.1/cb', codeVerifier: VERIFIER })
            .catch((e: unknown) => e),
        ];
        for (const error of errors) {
          expect(error).toBeInstanceOf(OAuthError);
          const text = errorText(error);
          for (const secret of [REFRESH, CODE, VERIFIER, SECRET]) expect(text).not.toContain(secret);
          expect((error as OAuthError).errorDescription).toMatch(/^Invalid refresh token .*\[redacted\]/);
        }
      },
    );
  });

  const tokenChar = fc.constantFrom(
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'.split(''),
  );
  const secretArb = fc.string({ unit: tokenChar, minLength: 8, maxLength: 120 });
  const prose = fc.string({ maxLength: 60 });

  it('property: no value the client sent survives, wherever it sits in the description', () => {
    fc.assert(
      fc.property(
        fc.array(secretArb, { minLength: 1, maxLength: 4 }),
        fc.array(prose, { maxLength: 6 }),
        (secrets, words) => {
          const parts: string[] = [];
          words.forEach((w, i) => parts.push(w, secrets[i % secrets.length]!));
          parts.push(...secrets);
          const scrubbed = scrubSecrets(parts.join(''), secrets);
          for (const secret of secrets) expect(scrubbed).not.toContain(secret);
        },
      ),
    );
  });

  it('property: anything that looks like a token is removed even when the client did not send it', () => {
    const digit = fc.constantFrom(...'0123456789'.split(''));
    const tokenLike = fc
      .tuple(fc.string({ unit: tokenChar, minLength: 19, maxLength: 200 }), digit)
      .map(([run, d]) => `AQ${run}${d}`);
    fc.assert(
      fc.property(tokenLike, fc.string({ maxLength: 40 }), (token, before) => {
        const scrubbed = scrubSecrets(`${before} ${token} rest`);
        expect(scrubbed).not.toContain(token);
        expect(scrubbed).toContain(REDACTED);
      }),
    );
  });

  it('keeps ordinary descriptions readable', () => {
    for (const text of [
      'Invalid refresh token',
      'Refresh token revoked',
      'code_verifier was incorrect',
      'grant_type must be client_credentials, authorization_code or refresh_token',
    ]) {
      expect(scrubSecrets(text, [REFRESH])).toBe(text);
    }
  });
});
