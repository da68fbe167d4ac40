import { html, type SimResponse } from './http.ts';
import { KNOWN_SCOPES } from './scopes.ts';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; background: #121212; color: #fff; display: grid; place-items: center; min-height: 100vh; margin: 0; }
main { max-width: 28rem; padding: 2rem; background: #181818; border-radius: 8px; }
button { font: inherit; padding: .6rem 1.6rem; border-radius: 2rem; border: 1px solid #fff; margin-right: .5rem; cursor: pointer; }
button[value=agree] { background: #1ed760; border-color: #1ed760; color: #000; }
button[value=cancel] { background: transparent; color: #fff; }
.sim { color: #a7a7a7; font-size: .8rem; }
</style>
</head>
<body><main>
${content}
<p class="sim">Spotify simulator (development only)</p>
</main></body>
</html>
`;
}

/** An accounts-service error page: shown in the browser, never redirected to the app. */
export function errorPage(status: number, message: string): SimResponse {
  return html(
    status,
    page(
      'Error - Spotify',
      `<h1>Oops! Something went wrong</h1>\n<p role="alert">${escapeHtml(message)}</p>`,
    ),
  );
}

export interface ConsentPageInput {
  appName: string;
  userName: string;
  scopes: readonly string[];
  requestId: string;
}

/** The consent dialog: two real submit buttons posting only the opaque pending-request id. */
export function consentPage(input: ConsentPageInput): SimResponse {
  const items = input.scopes
    .map(
      (scope) =>
        `<li><code>${escapeHtml(scope)}</code>: ${escapeHtml(KNOWN_SCOPES.get(scope) ?? scope)}</li>`,
    )
    .join('\n');
  const scopeList = items
    ? `<p>It will be able to:</p>\n<ul>\n${items}\n</ul>`
    : '<p>It asks for no extra permissions.</p>';
  return html(
    200,
    page(
      `Connect ${input.appName} - Spotify`,
      `<h1>Connect <span id="app-name">${escapeHtml(input.appName)}</span> to your Spotify account</h1>
<p>Logged in as <strong id="user-name">${escapeHtml(input.userName)}</strong>.</p>
${scopeList}
<form method="post" action="/authorize/decision">
<input type="hidden" name="request" value="${escapeHtml(input.requestId)}">
<button type="submit" name="decision" value="agree">Agree</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form>`,
    ),
  );
}
