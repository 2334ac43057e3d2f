// Runs every benchmark in turn and prints their numbers (`npm run bench`; builds first).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = [
  'validate.js',
  'local-cloud.js',
  'local-cloud-authz.js',
  'plan-apply.js',
  'access-evaluator.js',
  'access-matrix.js',
  'identity.js',
];

const root = join(import.meta.dirname, '..');
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const bench of BENCHES) {
  console.log(`\n== bench/${bench}`);
  const r = spawnSync(process.execPath, [join(import.meta.dirname, bench)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
