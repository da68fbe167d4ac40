/**
 * Reads a Web API error body. Spotify sends `{"error":{"status","message","reason"?}}`, but some 400s
 * come without the wrapper (`{"error":"…","error_description":"…"}`) and proxies answer in plain text.
 * Never throws: an unreadable body just yields no details.
 */

export interface ErrorBodyDetails {
  /** Spotify's `message` (or `error_description`, or the plain text), shortened and scrubbed. */
  message?: string;
  /** Player reason such as `NO_ACTIVE_DEVICE`; for the wrapper-less shape, the `error` code. */
  reason?: string;
}

const MAX_DETAIL_LENGTH = 200;

export function parseErrorBody(body: string): ErrorBodyDetails {
  const text = body.trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Plain text. An HTML error page says nothing worth showing.
    return /^<(!doctype|html)/i.test(text) ? {} : withMessage({}, text);
  }
  if (!isRecord(value)) return {};
  const error = value['error'];
  if (isRecord(error)) {
    const details: ErrorBodyDetails = {};
    if (typeof error['reason'] === 'string' && error['reason'] !== '') details.reason = error['reason'];
    return withMessage(details, error['message']);
  }
  if (typeof error === 'string') {
    const details: ErrorBodyDetails = error === '' ? {} : { reason: error };
    return withMessage(details, value['error_description'] ?? error);
  }
  return withMessage({}, value['message']);
}

function withMessage(details: ErrorBodyDetails, message: unknown): ErrorBodyDetails {
  if (typeof message !== 'string') return details;
  const clean = scrub(message);
  return clean === '' ? details : { ...details, message: clean };
}

/**
 * One line, bounded, and with anything that looks like a credential removed: an error text echoing a
 * request could otherwise carry a bearer token into a message or a log.
 */
export function scrub(text: string): string {
  const oneLine = text
    .replace(/\s+/g, ' ')
    .replace(/Bearer\s+[A-Za-z0-9_\-.~+/]{16,}=*/gi, 'Bearer [redacted]')
    .replace(/[A-Za-z0-9_\-.~+/]{64,}={0,2}/g, '[redacted]')
    .trim();
  return oneLine.length > MAX_DETAIL_LENGTH ? `${oneLine.slice(0, MAX_DETAIL_LENGTH - 1)}…` : oneLine;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
