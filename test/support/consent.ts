/**
 * Drives an OAuth consent page without a browser, the way a user would: GET the authorize URL, submit the
 * consent form (Agree or Cancel), and follow the redirect to the app's redirect URI for real (e.g. into a
 * loopback listener). Works with the Spotify simulator's consent page (a form with hidden fields and
 * submit buttons); when the user already consented, the authorize URL redirects straight away.
 */

import { fetch as undiciFetch, type Dispatcher } from 'undici';

type ConsentDecision = 'agree' | 'cancel';

export interface ConsentOptions {
  /** Default 'agree'. */
  decision?: ConsentDecision;
  /** Follow the app's 30x to its result page, as a browser does (default true). */
  followAppRedirect?: boolean;
  /** Called with the redirect-URI address before it is requested (to tamper with it in tests, return another). */
  rewriteCallback?: (callbackUrl: string) => string;
  /** Request the redirect-URI address (default true). False: stop there, e.g. to paste it by hand. */
  fetchCallback?: boolean;
  /**
   * How the "browser" reaches the accounts service: e.g. an undici Agent trusting a test CA, when the
   * simulator serves HTTPS (a browser trusts what the system does). The app's own redirect stays plain.
   */
  accountsDispatcher?: Dispatcher;
}

interface HttpSnapshot {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

export interface ConsentOutcome {
  /** The address the accounts service sent the browser to (carries code/error and state). */
  callbackUrl: string;
  /** The app's answer to the callback request (absent with `fetchCallback: false`). */
  callback?: HttpSnapshot;
  /** The page the app redirected to, when followed. */
  page?: HttpSnapshot;
}

/** Thrown when the accounts service shows an error page instead of redirecting (e.g. invalid redirect URI). */
class ConsentPageError extends Error {
  readonly status: number;
  readonly body: string;
  constructor(status: number, alert: string, body: string) {
    super(`The accounts service showed an error page (HTTP ${status}): ${alert}`);
    this.name = 'ConsentPageError';
    this.status = status;
    this.body = body;
  }
}

export async function driveConsent(
  authorizeUrl: string,
  options: ConsentOptions = {},
): Promise<ConsentOutcome> {
  const decision = options.decision ?? 'agree';
  const accounts = accountsFetch(options.accountsDispatcher);
  const authorize = await accounts(authorizeUrl, { redirect: 'manual' });
  let location = authorize.headers.get('location');
  if (location === null) {
    const html = await authorize.text();
    if (authorize.status !== 200) throw new ConsentPageError(authorize.status, alertOf(html), html);
    const form = parseConsentForm(html, authorizeUrl, decision);
    const answer = await accounts(form.action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.fields.toString(),
    });
    location = answer.headers.get('location');
    if (location === null) {
      const body = await answer.text();
      throw new ConsentPageError(answer.status, alertOf(body), body);
    }
  } else {
    await authorize.body?.cancel();
  }
  let callbackUrl = new URL(location, authorizeUrl).toString();
  if (options.rewriteCallback) callbackUrl = options.rewriteCallback(callbackUrl);

  if (options.fetchCallback === false) return { callbackUrl };
  const callback = await snapshot(callbackUrl, await fetch(callbackUrl, { redirect: 'manual' }));
  const outcome: ConsentOutcome = { callbackUrl, callback };
  const next = callback.headers.get('location');
  if (
    (options.followAppRedirect ?? true) &&
    next !== null &&
    callback.status >= 300 &&
    callback.status < 400
  ) {
    const pageUrl = new URL(next, callbackUrl).toString();
    outcome.page = await snapshot(pageUrl, await fetch(pageUrl, { redirect: 'manual' }));
  }
  return outcome;
}

interface AccountsRequest {
  method?: string;
  redirect: 'manual';
  headers?: Record<string, string>;
  body?: string;
}

interface AccountsResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  body: { cancel(): Promise<void> } | null;
}

/** Node's fetch, or undici's with the given dispatcher (Node's own fetch takes no npm undici dispatcher). */
function accountsFetch(
  dispatcher: Dispatcher | undefined,
): (url: string, init: AccountsRequest) => Promise<AccountsResponse> {
  if (dispatcher === undefined) return (url, init) => fetch(url, init);
  return (url, init) => undiciFetch(url, { ...init, dispatcher });
}

/**
 * An `openBrowser` for sign-in functions: drives consent and records what happened in `outcomes`.
 * Failures are recorded too (as `errors`) rather than thrown, like a real browser that shows a page.
 */
export function consentBrowser(options: ConsentOptions = {}): {
  openBrowser: (url: string) => Promise<void>;
  outcomes: ConsentOutcome[];
  errors: unknown[];
  urls: string[];
  /** Resolves when every page this "browser" opened has finished loading (the app may finish first). */
  idle: () => Promise<void>;
} {
  const outcomes: ConsentOutcome[] = [];
  const errors: unknown[] = [];
  const urls: string[] = [];
  const pending: Promise<void>[] = [];
  return {
    outcomes,
    errors,
    urls,
    idle: async () => {
      await Promise.all(pending);
    },
    openBrowser: (url) => {
      urls.push(url);
      const visit = driveConsent(url, options).then(
        (outcome) => void outcomes.push(outcome),
        (error: unknown) => void errors.push(error),
      );
      pending.push(visit);
      return visit;
    },
  };
}

interface ConsentForm {
  action: string;
  fields: URLSearchParams;
}

/** The first POST form's action, hidden fields, and the submit button whose value is the decision. */
function parseConsentForm(html: string, pageUrl: string, decision: ConsentDecision): ConsentForm {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error('No consent form on the page.');
  const attrs = attributes(form[1] ?? '');
  const fields = new URLSearchParams();
  let chosen = false;
  for (const tag of (form[2] ?? '').match(/<(input|button)\b[^>]*>/gi) ?? []) {
    const a = attributes(tag);
    const name = a.get('name');
    if (name === undefined) continue;
    const type = (
      a.get('type') ?? (tag.toLowerCase().startsWith('<button') ? 'submit' : 'text')
    ).toLowerCase();
    if (type === 'submit') {
      if (!chosen && (a.get('value') ?? '').toLowerCase() === decision) {
        fields.append(name, a.get('value') ?? '');
        chosen = true;
      }
    } else {
      fields.append(name, a.get('value') ?? '');
    }
  }
  if (!chosen) throw new Error(`No "${decision}" button on the consent form.`);
  return { action: new URL(attrs.get('action') ?? '', pageUrl).toString(), fields };
}

function attributes(tag: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z_:][-\w:.]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    result.set((m[1] ?? '').toLowerCase(), decodeEntities(m[3] ?? m[4] ?? m[5] ?? ''));
  }
  return result;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function alertOf(html: string): string {
  const alert = /<p role="alert">([\s\S]*?)<\/p>/i.exec(html)?.[1] ?? /<h1>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  return decodeEntities(alert ?? html.slice(0, 200));
}

async function snapshot(url: string, response: Response): Promise<HttpSnapshot> {
  return { url, status: response.status, headers: response.headers, body: await response.text() };
}
