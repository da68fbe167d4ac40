import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer table of eslint.config.js, run by ESLint's own API on planted imports. The rule judges paths
// only, so a planted file needs no type information and no file on disk: each case is one import as it
// would be written in that file.

const ROOT = path.resolve(import.meta.dirname, '../..');
const RULE = 'traytune/import-boundaries';

/** The block of the real eslint.config.js that configures the rule: its files, plugin and table. */
async function boundaryBlock(): Promise<Linter.Config> {
  // A computed URL: the config is plain JavaScript without type declarations.
  const config = (
    (await import(pathToFileURL(path.join(ROOT, 'eslint.config.js')).href)) as {
      default: Linter.Config[];
    }
  ).default;
  const blocks = config.filter((block) => block.rules?.[RULE] !== undefined);
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
}

let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
      await boundaryBlock(),
    ],
  });
});

async function problems(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(ROOT, file) });
  return result!.messages;
}

type Case = readonly [file: string, code: string];

describe('the import-boundary table refuses', () => {
  const refused: readonly (readonly [...Case, expected: RegExp])[] = [
    // shared imports nothing outside shared, and no package but zod.
    [
      'src/shared/a.ts',
      "import { api } from '../renderer/api.ts';",
      /^src\/shared may not import src\/renderer: the shared layer imports only its own folder \(/,
    ],
    ['src/shared/a.ts', "import { clock } from '../main/util/clock.ts';", /may not import src\/main\/util/],
    ['src/shared/ipc/a.ts', "import { x } from '../../preload/index.ts';", /may not import src\/preload/],
    ['src/shared/a.ts', "import path from 'node:path';", /may not import the package "node:path"/],
    ['src/shared/a.ts', "import { readFileSync } from 'fs';", /may not import the package "fs"/],
    [
      'src/shared/a.ts',
      "import { h } from 'preact';",
      /may not import the package "preact": the shared layer imports only the package zod\./,
    ],
    // The renderer imports only shared (and preact).
    [
      'src/renderer/a.ts',
      "import { TraytuneApp } from '../main/app/traytune-app.ts';",
      /^src\/renderer may not import src\/main\/app: the renderer layer imports only its own folder and shared /,
    ],
    [
      'src/renderer/components/A.tsx',
      "import { Player } from '../../main/spotify/index.ts';",
      /may not import src\/main\/spotify/,
    ],
    [
      'src/renderer/a.ts',
      "import type { AppError } from '../main/app/errors.ts';",
      /may not import src\/main\/app/,
    ],
    [
      'src/renderer/a.ts',
      "export type { AppError } from '../main/app/errors.ts';",
      /may not import src\/main\/app/,
    ],
    ['src/renderer/a.ts', "export * from '../main/ipc/index.ts';", /may not import src\/main\/ipc/],
    [
      'src/renderer/a.ts',
      "export const load = () => import('../main/auth/index.ts');",
      /may not import src\/main\/auth/,
    ],
    [
      'src/renderer/a.ts',
      "export type T = import('../main/auth/index.ts').AuthError;",
      /may not import src\/main\/auth/,
    ],
    ['src/renderer/a.ts', "import '../preload/index.ts';", /may not import src\/preload/],
    ['src/renderer/a.ts', "import { ipcRenderer } from 'electron';", /may not import the package "electron"/],
    [
      'src/renderer/a.ts',
      "import { EventEmitter } from 'node:events';",
      /may not import the package "node:events"/,
    ],
    // The preload imports only shared (and Electron's renderer API).
    [
      'src/preload/a.ts',
      "import { createIpcDispatcher } from '../main/ipc/index.ts';",
      /^src\/preload may not import src\/main\/ipc/,
    ],
    ['src/preload/a.ts', "import { api } from '../renderer/api.ts';", /may not import src\/renderer/],
    [
      'src/preload/a.ts',
      "import { readFile } from 'node:fs/promises';",
      /may not import the package "node:fs\/promises"/,
    ],
    // Nothing in main but desktop imports app, desktop or electron; auth never imports secrets (the cycle).
    [
      'src/main/auth/a.ts',
      "import { UserFacingError } from '../app/errors.ts';",
      /^src\/main\/auth may not import src\/main\/app/,
    ],
    [
      'src/main/auth/caches/a.ts',
      "import type { Keychain } from '../../secrets/keychain.ts';",
      /may not import src\/main\/secrets/,
    ],
    [
      'src/main/spotify/player/a.ts',
      "import { x } from '../../app/library.ts';",
      /^src\/main\/spotify may not import src\/main\/app/,
    ],
    [
      'src/main/settings/a.ts',
      "import type { SettingsStore } from '../app/settings-store.ts';",
      /^src\/main\/settings may not import src\/main\/app/,
    ],
    [
      'src/main/net/a.ts',
      "import { x } from '../app/x.ts';",
      /^src\/main\/net may not import src\/main\/app/,
    ],
    [
      'src/main/secrets/a.ts',
      "import { x } from '../desktop/index.ts';",
      /^src\/main\/secrets may not import src\/main\/desktop/,
    ],
    [
      'src/main/util/a.ts',
      "import { x } from '../app/x.ts';",
      /^src\/main\/util may not import src\/main\/app/,
    ],
    [
      'src/main/app/a.ts',
      "import { tray } from '../desktop/tray.ts';",
      /^src\/main\/app may not import src\/main\/desktop/,
    ],
    [
      'src/main/app/a.ts',
      "import w from '../desktop/worker.ts?nodeWorker';",
      /may not import src\/main\/desktop/,
    ],
    ['src/main/ipc/a.ts', "import { x } from '../desktop/ipc.ts';", /may not import src\/main\/desktop/],
    [
      'src/main/app/a.ts',
      "import { app } from 'electron';",
      /^src\/main\/app may not import the package "electron": the app layer imports any package but electron,/,
    ],
    [
      'src/main/settings/a.ts',
      "import Store from 'electron-store';",
      /may not import the package "electron-store"/,
    ],
    ['src/main/spotify/a.ts', "import { x } from '../ipc/index.ts';", /may not import src\/main\/ipc/],
    // src never imports dev/, test/ or bench/.
    [
      'src/main/app/a.ts',
      "import { startSimulator } from '../../../dev/simulator/server.ts';",
      /may not import dev\/simulator\/server\.ts: nothing under src reaches outside it/,
    ],
    [
      'src/main/desktop/a.ts',
      "import { x } from '../../../test/support/x.ts';",
      /may not import test\/support\/x\.ts/,
    ],
    ['src/renderer/a.ts', "import { x } from '../../bench/run.ts';", /may not import bench\/run\.ts/],
    // A folder the table does not know, on either end.
    ['src/main/library/a.ts', 'export const x = 1;', /This file is in no layer of the table/],
    [
      'src/main/app/a.ts',
      "import { x } from '../library/x.ts';",
      /imports src\/main\/library\/x\.ts, which is in no layer/,
    ],
  ];

  it.each(refused)('%s: %s', async (file, code, expected) => {
    const messages = await problems(file, code);
    expect(messages.map((m) => [m.ruleId, m.message])).toEqual([[RULE, expect.stringMatching(expected)]]);
  });
});

describe('the import-boundary table allows', () => {
  const allowed: readonly Case[] = [
    ['src/shared/a.ts', "import { z } from 'zod';"],
    ['src/shared/ipc/a.ts', "import type { AppState } from '../app-state.ts';"],
    ['src/renderer/components/A.tsx', "import type { UiState } from '../api.ts';"],
    ['src/renderer/a.ts', "import { useState } from 'preact/hooks';"],
    ['src/renderer/components/A.tsx', "import type { AppState } from '../../shared/app-state.ts';"],
    ['src/preload/a.ts', "import { contextBridge } from 'electron';"],
    ['src/preload/a.ts', "import { createTraytuneApi } from '../shared/ipc/bridge.ts';"],
    ['src/main/secrets/a.ts', "import { KeychainUnavailableError } from '../auth/errors.ts';"],
    ['src/main/spotify/a.ts', "import type { AuthSession } from '../auth/session.ts';"],
    ['src/main/auth/a.ts', "import { SpotifyDispatcher } from '../net/index.ts';"],
    ['src/main/settings/a.ts', "import { settingsSchema } from '../../shared/settings.ts';"],
    ['src/main/app/a.ts', "import { readFileSync } from 'node:fs';"],
    ['src/main/app/a.ts', "import type { Dispatcher } from 'undici';"],
    ['src/main/app/account/a.ts', "import { ConfSettingsStore } from '../../settings/index.ts';"],
    ['src/main/ipc/a.ts', "import { toAppError } from '../app/errors.ts';"],
    ['src/main/desktop/a.ts', "import { app } from 'electron';"],
    ['src/main/desktop/a.ts', "import w from '../secrets/keyring-worker.ts?nodeWorker';"],
    ['src/main/desktop/a.ts', "import { TraytuneApp } from '../app/traytune-app.ts';"],
    // Outside src the table does not apply (tests and dev tools reach into src freely).
    ['test/main/a.test.ts', "import { TraytuneApp } from '../../src/main/app/traytune-app.ts';"],
    ['dev/harness/a.ts', "import { x } from '../../src/main/desktop/index.ts';"],
  ];

  it.each(allowed)('%s: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});

describe('eslint.config.js', () => {
  it('applies the table to every kind of file under src, and to nothing outside it', async () => {
    const real = new ESLint({ cwd: ROOT });
    for (const file of ['src/shared/a.ts', 'src/renderer/components/A.tsx', 'src/main/desktop/a.ts']) {
      const config = (await real.calculateConfigForFile(file)) as Linter.Config;
      expect(config.rules?.[RULE], file).toEqual([2, expect.objectContaining({ root: ROOT })]);
    }
    const outside = (await real.calculateConfigForFile('test/lint/a.ts')) as Linter.Config;
    expect(outside.rules?.[RULE]).toBeUndefined();
  });
});
