// Benchmarks the CLI's start-up and validate (issue #2). Run after `npm run build`:
//   node bench/validate.js
// Prints the median wall time of whole CLI runs, as a user sees them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generateOrg } from './generate-org.js';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'bulkhead.js');
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: out, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`bulkhead ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

execFileSync(process.execPath, [
  bin,
  'init',
  '--template',
  'enterprise',
  '-f',
  join(out, 'enterprise.yaml'),
  '--force',
]);
for (const n of [1000, 5000]) writeFileSync(join(out, `org-${n}.yaml`), stringify(generateOrg(n), { lineWidth: 0 }));

const rows = [
  ['bulkhead --help', time(['--help'], 15), 300],
  ['bulkhead validate (enterprise template)', time(['validate', '-f', 'enterprise.yaml'], 15), 300],
  ['bulkhead validate (1,000 accounts)', time(['validate', '-f', 'org-1000.yaml'], 5), undefined],
  ['bulkhead validate (5,000 accounts)', time(['validate', '-f', 'org-5000.yaml'], 5), 2000],
];
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const [name, t, target] of rows) {
  const verdict =
    target === undefined ? '' : t.median <= target ? `  ✓ target ${target} ms` : `  ✗ target ${target} ms`;
  console.log(
    `${name.padEnd(42)} median ${t.median.toFixed(0).padStart(5)} ms  (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)})${verdict}`,
  );
}
