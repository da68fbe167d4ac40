/**
 * Removes secrets from text a server echoed back (an OAuth `error_description`), before it is kept in
 * an error. Two passes: every value the client itself sent (refresh token, code, code verifier, client
 * secret; also in its URL-encoded form), then anything that looks like a token: a long run of token
 * characters (base64url, base64, `.~`) that is not a word.
 */

export const REDACTED = '[redacted]';

// Spotify's tokens and codes are long base64url strings; words in a description are short or have no
// digits. 20+ token characters with a digit, or 32+ of any kind, are treated as secrets.
const TOKEN_LIKE = /[A-Za-z0-9._~+/=-]{20,}/g;

export function scrubSecrets(text: string, sentValues: readonly (string | undefined)[] = []): string {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  const values = [...new Set(sentValues.filter((v): v is string => v !== undefined && v.length >= 4))];
  values.sort((a, b) => b.length - a.length);
  for (const value of values) {
    for (const form of new Set([value, encodeURIComponent(value), formEncoded(value)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  out = out.replace(TOKEN_LIKE, (run) => (run.length >= 32 || /\d/.test(run) ? REDACTED : run));
  // A secret could be spelled by the placeholder and its neighbours: then keep nothing of the text.
  const leaks = (t: string): boolean => values.some((v) => t.includes(v));
  if (!leaks(out)) return out;
  return leaks(REDACTED) ? '' : REDACTED;
}

function formEncoded(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
