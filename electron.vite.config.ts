import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// Three bundles: the main process (entry is the Electron composition root in desktop/), the sandboxed
// preload (self-contained, so dependencies are bundled), and the renderer (static files).
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/main/desktop/index.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    // Preact's automatic JSX runtime (no preset plugin needed: oxc does the transform).
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});
