import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importBoundaries from './dev/eslint/import-boundaries.js';

/** Electron and the packages built on it: only desktop/ imports them (and the preload, Electron's own API). */
const ELECTRON = ['electron', 'electron-store', 'electron-updater', 'electron-vite'];
const ANY_BUT_ELECTRON = { anyBut: ELECTRON };
const ANY_PACKAGE = { anyBut: [] };
const ALL_MAIN = [
  'app',
  'auth',
  'ipc',
  'localPlayer',
  'net',
  'secrets',
  'settings',
  'spotify',
  'util',
  'shared',
];

/**
 * The layers of docs/ARCHITECTURE.md. A file may import its own folder, the layers of its row and the
 * packages of its row; anything else fails lint, and so does an import from src into dev/, test/ or
 * bench/, and a folder under src that is in no row. Node's built-in modules (`node:fs`, `fs`) count as a
 * package that no list names: only the `anyBut` rows (main) may import them.
 */
// prettier-ignore
const LAYERS = {
  shared:   { folder: 'src/shared',        layers: [],                                    packages: ['zod'] },
  renderer: { folder: 'src/renderer',      layers: ['shared'],                            packages: ['preact'] },
  preload:  { folder: 'src/preload',       layers: ['shared'],                            packages: ['electron'] },
  util:     { folder: 'src/main/util',     layers: ['shared'],                            packages: ANY_BUT_ELECTRON },
  net:      { folder: 'src/main/net',      layers: ['util', 'shared'],                    packages: ANY_BUT_ELECTRON },
  auth:     { folder: 'src/main/auth',     layers: ['net', 'util', 'shared'],             packages: ANY_BUT_ELECTRON },
  secrets:  { folder: 'src/main/secrets',  layers: ['auth', 'util', 'shared'],            packages: ANY_BUT_ELECTRON },
  spotify:  { folder: 'src/main/spotify',  layers: ['auth', 'net', 'util', 'shared'],     packages: ANY_BUT_ELECTRON },
  settings: { folder: 'src/main/settings', layers: ['util', 'shared'],                    packages: ANY_BUT_ELECTRON },
  localPlayer: { folder: 'src/main/local-player', layers: ['util', 'shared'],            packages: ['@jellybrick/dbus-next', 'node:'] },
  app:      { folder: 'src/main/app',      layers: ['auth', 'net', 'secrets', 'settings', 'spotify', 'localPlayer', 'util', 'shared'],
              packages: ANY_BUT_ELECTRON },
  ipc:      { folder: 'src/main/ipc',      layers: ['app', 'auth', 'net', 'settings', 'spotify', 'util', 'shared'],
              packages: ANY_BUT_ELECTRON },
  desktop:  { folder: 'src/main/desktop',  layers: ALL_MAIN,                              packages: ANY_PACKAGE },
};

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'test-results', 'playwright-report', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    // docs/ARCHITECTURE.md's layering, enforced: the table above.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { traytune: { rules: { 'import-boundaries': importBoundaries } } },
    rules: { 'traytune/import-boundaries': ['error', { root: import.meta.dirname, layers: LAYERS }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['test/**/*.ts', 'dev/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
