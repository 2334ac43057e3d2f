#!/usr/bin/env node
// The CLI is one bundled script, started with a V8 code cache (src/cli/boot.ts).
import { fileURLToPath } from 'node:url';
import { runBundledCli } from '../dist/bin/boot.js';

runBundledCli(fileURLToPath(new URL('../dist/bin/cli-script.js', import.meta.url)), process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code !== 0 ? code : (process.exitCode ?? 0);
  },
  (err) => {
    console.error(err);
    process.exitCode = 70;
  },
);
