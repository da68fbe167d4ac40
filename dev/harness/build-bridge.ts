import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

/** Bundles browser-bridge.ts (and the shared bridge it imports) into one classic script, in memory. */
export async function buildBrowserBridge(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: fileURLToPath(new URL('./browser-bridge.ts', import.meta.url)),
        formats: ['iife'],
        name: 'TraytuneHarnessBridge',
        fileName: 'bridge',
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((item) => item.type === 'chunk');
  if (chunk === undefined || chunk.type !== 'chunk') throw new Error('The harness bridge did not build.');
  return chunk.code;
}
