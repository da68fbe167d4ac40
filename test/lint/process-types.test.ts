import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The per-process type-check configs (tsconfig.{shared,main,desktop,preload,renderer}.json): each gives its
// files only the globals their process has. Planted files, compiled in memory with a config's real compiler
// options, prove that a DOM use in main or a Node use in the renderer or shared does not compile, and that
// what the process does have still does.

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROCESS_CONFIGS = ['shared', 'main', 'desktop', 'preload', 'renderer'].map(
  (name) => `tsconfig.${name}.json`,
);

function parseConfig(config: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, config), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`${config} could not be read`);
  expect(parsed.errors).toEqual([]);
  return parsed;
}

/** Compiles the planted files (paths relative to the root, contents) with `config`'s options: errors by file. */
function compile(config: string, planted: Readonly<Record<string, string>>): Map<string, string[]> {
  const { options, fileNames } = parseConfig(config);
  // The config's own declaration files (src/shared/globals.d.ts) come along, as in a real run.
  const declarations = fileNames.filter((file) => file.endsWith('.d.ts'));
  const files = new Map(Object.entries(planted).map(([file, text]) => [path.join(ROOT, file), text]));
  const host = ts.createCompilerHost(options);
  const real = ts.createCompilerHost(options);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(path.resolve(name));
    return text === undefined
      ? real.getSourceFile(name, language, ...rest)
      : ts.createSourceFile(name, text, language);
  };
  host.fileExists = (name) => files.has(path.resolve(name)) || real.fileExists(name);
  host.readFile = (name) => files.get(path.resolve(name)) ?? real.readFile(name);
  const program = ts.createProgram({ rootNames: [...files.keys(), ...declarations], options, host });
  const errors = new Map<string, string[]>([...files.keys()].map((file) => [path.relative(ROOT, file), []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file ? path.relative(ROOT, diagnostic.file.fileName) : '(global)';
    const list = errors.get(file) ?? [];
    list.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
    errors.set(file, list);
  }
  return errors;
}

type Planted = readonly [file: string, code: string, expected: RegExp | 'compiles'];

function expectOutcomes(config: string, cases: readonly Planted[]): void {
  const errors = compile(config, Object.fromEntries(cases.map(([file, code]) => [file, code])));
  for (const [file, code, expected] of cases) {
    const found = errors.get(file) ?? [];
    if (expected === 'compiles') expect(found, `${config}: ${code}`).toEqual([]);
    else expect(found, `${config}: ${code}`).toEqual([expect.stringMatching(expected)]);
  }
  // Nothing else (a real file pulled in by an import, the config's libraries) has an error.
  const others = [...errors].filter(
    ([file, list]) => list.length > 0 && !cases.some(([planted]) => planted === file),
  );
  expect(others, config).toEqual([]);
}

describe('the per-process configs', () => {
  it('shared has neither the DOM nor Node: only the language, the console and zod', () => {
    expectOutcomes('tsconfig.shared.json', [
      [
        'src/shared/planted-document.ts',
        'export const title = document.title;',
        /Cannot find name 'document'/,
      ],
      [
        'src/shared/planted-window.ts',
        'export const width = window.innerWidth;',
        /Cannot find name 'window'/,
      ],
      [
        'src/shared/planted-process.ts',
        "export const home = process.env['HOME'];",
        /Cannot find name 'process'/,
      ],
      ['src/shared/planted-buffer.ts', "export const bytes = Buffer.from('x');", /Cannot find name 'Buffer'/],
      [
        'src/shared/planted-fs.ts',
        "export { readFileSync } from 'node:fs';",
        /Cannot find (module|name) 'node:fs'/,
      ],
      [
        'src/shared/planted-allowed.ts',
        "import { z } from 'zod';\nexport const schema = z.string();\nconsole.error(new Map<string, number>());",
        'compiles',
      ],
    ]);
  });

  it('main core has Node but not the DOM', () => {
    expectOutcomes('tsconfig.main.json', [
      [
        'src/main/app/planted-document.ts',
        'export const title = document.title;',
        /Cannot find name 'document'/,
      ],
      [
        'src/main/app/planted-window.ts',
        'export const width = window.innerWidth;',
        /Cannot find name 'window'/,
      ],
      [
        'src/main/auth/planted-element.ts',
        'export type Shown = HTMLElement;',
        /Cannot find name 'HTMLElement'/,
      ],
      [
        'src/main/spotify/planted-allowed.ts',
        "import { readFileSync } from 'node:fs';\n" +
          "export const read = [readFileSync, process.env['HOME'], Buffer.from('x'), setTimeout];",
        'compiles',
      ],
    ]);
  });

  it('desktop has Node, Electron and electron-vite suffixes, not the DOM', () => {
    expectOutcomes('tsconfig.desktop.json', [
      [
        'src/main/desktop/planted-document.ts',
        'export const title = document.title;',
        /Cannot find name 'document'/,
      ],
      [
        'src/main/desktop/planted-allowed.ts',
        "import { app } from 'electron';\nimport start from '../secrets/keyring-worker.ts?nodeWorker';\n" +
          'export const parts = [app.getName(), start, process.platform];',
        'compiles',
      ],
    ]);
  });

  it('the renderer has the DOM and Preact but not Node', () => {
    expectOutcomes('tsconfig.renderer.json', [
      [
        'src/renderer/planted-process.ts',
        "export const home = process.env['HOME'];",
        /Cannot find name 'process'/,
      ],
      [
        'src/renderer/planted-buffer.ts',
        "export const bytes = Buffer.from('x');",
        /Cannot find name 'Buffer'/,
      ],
      [
        'src/renderer/planted-fs.ts',
        "export { readFileSync } from 'node:fs';",
        /Cannot find (module|name) 'node:fs'/,
      ],
      ['src/renderer/planted-dirname.ts', 'export const here = __dirname;', /Cannot find name '__dirname'/],
      [
        'src/renderer/planted-allowed.tsx',
        "export const view = <p title={document.title}>{window.innerWidth}</p>;\nconsole.info('drawn');",
        'compiles',
      ],
    ]);
  });

  it("the preload has the DOM and Electron's renderer API", () => {
    // electron.d.ts references Node's types itself, so Node's globals cannot be hidden from the preload by
    // a config; the import-boundary rule refuses its `node:` imports instead.
    expectOutcomes('tsconfig.preload.json', [
      [
        'src/preload/planted-allowed.ts',
        "import { contextBridge } from 'electron';\ncontextBridge.exposeInMainWorld('x', window.location.href);",
        'compiles',
      ],
    ]);
  });
});

describe('the configs together', () => {
  const sources = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join('src', file).split(path.sep).join('/'))
    .sort();

  it('check every file under src, each with exactly one process config', () => {
    const owners = new Map<string, string[]>(sources.map((file) => [file, []]));
    for (const config of PROCESS_CONFIGS) {
      for (const file of parseConfig(config).fileNames) {
        const relative = path.relative(ROOT, file).split(path.sep).join('/');
        owners.set(relative, [...(owners.get(relative) ?? []), config]);
      }
    }
    const wrong = [...owners].filter(([, configs]) => configs.length !== 1);
    expect(wrong).toEqual([]);
    expect(owners.get('src/main/desktop/index.ts')).toEqual(['tsconfig.desktop.json']);
    expect(owners.get('src/main/app/traytune-app.ts')).toEqual(['tsconfig.main.json']);
  });

  it('are all run by `npm run typecheck`, with the whole tree', () => {
    const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const run = [...packageJson.scripts['typecheck']!.matchAll(/-p (\S+)/g)].map((match) => match[1]);
    expect(run.sort()).toEqual(['tsconfig.json', ...PROCESS_CONFIGS].sort());
  });
});
