/**
 * A cause for diagnostics that keeps only the error's `name` and `code`. Never its message: library and
 * transport errors may quote request bodies, headers, keychain contents or tokens, and undici errors can
 * hold sockets. Use it wherever a foreign error becomes the `cause` of one of ours.
 */
export function safeCause(error: unknown): Error {
  const name = nameOf(error) ?? 'Error';
  const code = codeOf(error);
  const cause = new Error(code === undefined ? name : `${name} (${code})`);
  cause.name = name;
  if (code !== undefined) Object.assign(cause, { code });
  return cause;
}

function nameOf(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,63}$/.test(name) ? name : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[\w.-]{1,64}$/.test(code) ? code : undefined;
}
