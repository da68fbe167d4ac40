/**
 * The Electron double: what `import … from 'electron'` gives the app's main bundle in the boot tests
 * (register.ts maps the module to this file). Every class implements `Pick<Electron.X, …>` of what the
 * shell uses, with Electron's own signatures, so `npm run typecheck` fails when the double drifts from the
 * real API; the shell itself is checked against the real electron.d.ts, and a member it uses that the
 * double lacks fails the boot suite. The per-OS behaviours it models are listed, with their sources, in
 * README.md.
 */
export * from './api.ts';

// `import electron from 'electron'` (electron-store): Electron is CommonJS, so the default is everything.
import * as api from './api.ts';
export default api;
