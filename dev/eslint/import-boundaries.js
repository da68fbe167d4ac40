/**
 * ESLint rule `traytune/import-boundaries`: every import of a file under src obeys the layer table passed
 * as its option (the table itself is in eslint.config.js). Imports are judged by the file they resolve to,
 * not by how the path is spelt, so `../main/app/x.ts` from the renderer and `../../main/app/x.ts` from a
 * component are the same violation. Checked: `import` and `export … from` (types too), `import()` and
 * `import('…').Type`.
 *
 * Option: { root, layers }. `root` is the directory the folders are relative to; `layers` maps a layer's
 * name to { folder, layers, packages }: `layers` names the other layers its files may import (their own
 * folder always), `packages` lists the npm packages they may import, or is { anyBut: [...] }. Node's
 * built-in modules count as one package, `node:`.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/** The package name Node's built-in modules (`node:fs`, `fs`, …) go by. */
const NODE_BUILTINS = 'node:';

const BUILTINS = new Set(builtinModules);

/** @type {import('eslint').Rule.RuleModule} */
const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer under src imports only the layers and packages its table row allows.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, layers: { type: 'object' } },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      layer:
        '{{from}} may not import {{to}}: the {{layer}} layer imports {{allowed}} (docs/ARCHITECTURE.md; ' +
        'the table is in eslint.config.js).',
      package: '{{from}} may not import the package "{{name}}": the {{layer}} layer imports {{allowed}}.',
      outside:
        '{{from}} may not import {{to}}: nothing under src reaches outside it (dev/, test/, bench/ are never shipped).',
      unknownTarget: '{{from}} imports {{to}}, which is in no layer of the table in eslint.config.js.',
      unknownFile: 'This file is in no layer of the table in eslint.config.js: add its folder to a layer.',
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const rows = Object.entries(layers).map(([name, row]) => ({ name, ...row }));
    const file = toPosix(path.relative(root, context.physicalFilename));
    if (!isInside(file, 'src')) return {};
    const from = layerOf(rows, file);
    if (!from) {
      return { Program: (node) => context.report({ node, messageId: 'unknownFile' }) };
    }

    /** @param {import('estree').Node} node @param {unknown} specifier */
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const problem = judge(rows, from, file, specifier, root);
      if (problem) context.report({ node, ...problem });
    };

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      /** @param {any} node typescript-eslint's TSImportType: `import('…').Name` in a type. */
      TSImportType: (node) => node.source && check(node.source, node.source.value),
    };
  },
};

/** The problem with `specifier` imported by `file` (in layer `from`), or null when it is allowed. */
function judge(rows, from, file, specifier, root) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    // electron-vite's suffixes (`?nodeWorker`, `?asset`) name the same file.
    const bare = specifier.replace(/\?.*$/, '');
    const target = toPosix(path.relative(root, path.resolve(root, path.dirname(file), bare)));
    if (!isInside(target, 'src')) return { messageId: 'outside', data: { from: from.folder, to: target } };
    const to = layerOf(rows, target);
    if (!to) return { messageId: 'unknownTarget', data: { from: from.folder, to: target } };
    if (to === from || from.layers.includes(to.name)) return null;
    const data = { from: from.folder, to: to.folder, layer: from.name, allowed: allowedLayers(from) };
    return { messageId: 'layer', data };
  }
  const name = packageName(specifier);
  if (packageAllowed(from.packages, name)) return null;
  const shown = name === NODE_BUILTINS ? specifier : name;
  return {
    messageId: 'package',
    data: { from: from.folder, name: shown, layer: from.name, allowed: allowedPackages(from) },
  };
}

/** The row whose folder holds `file`; the deepest one when folders nest. */
function layerOf(rows, file) {
  let best = null;
  for (const row of rows) {
    if (isInside(file, row.folder) && (!best || row.folder.length > best.folder.length)) best = row;
  }
  return best;
}

/** `node:fs` and `fs` → NODE_BUILTINS, `@scope/pkg/sub` → `@scope/pkg`, `preact/hooks` → `preact`. */
function packageName(specifier) {
  if (specifier.startsWith(NODE_BUILTINS) || BUILTINS.has(specifier.split('/')[0])) return NODE_BUILTINS;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function packageAllowed(packages, name) {
  if (Array.isArray(packages)) return packages.includes(name);
  return !packages.anyBut.includes(name);
}

function allowedLayers(row) {
  return row.layers.length === 0 ? 'only its own folder' : `only its own folder and ${row.layers.join(', ')}`;
}

function allowedPackages(row) {
  const label = (name) => (name === NODE_BUILTINS ? "Node's built-in modules" : name);
  if (!Array.isArray(row.packages)) return `any package but ${row.packages.anyBut.join(', ')}`;
  return row.packages.length === 0
    ? 'no package'
    : `only the package${row.packages.length > 1 ? 's' : ''} ${row.packages.map(label).join(', ')}`;
}

function isInside(file, folder) {
  return file === folder || file.startsWith(`${folder}/`);
}

function toPosix(file) {
  return file.split(path.sep).join('/');
}

export default importBoundaries;
