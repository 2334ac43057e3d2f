// The two tools under test, run as their users run them: Bulkhead's built CLI and org-formation's, each through the
// logging proxy, under /usr/bin/time for peak RSS. org-formation is installed on demand into a cache folder: it is
// not a dependency of Bulkhead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CREDENTIALS } from './moto.js';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';

export const ORG_FORMATION = 'aws-organization-formation@1.0.17';
const ROOT = join(import.meta.dirname, '..', '..');
const BULKHEAD_BIN = join(ROOT, 'bin', 'bulkhead.js');
const CACHE = join(
  process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'),
  'bulkhead-bench',
  'org-formation-1.0.17',
);
const ORG_FORMATION_BIN = join(CACHE, 'node_modules', 'aws-organization-formation', 'dist', 'cli.js');
const TIME = '/usr/bin/time';
/** No single run may take longer than this (a hung tool stops the benchmark, it does not hang it). */
const RUN_TIMEOUT_MS = 20 * 60_000;

/** Installs org-formation into the cache when missing; returns a message saying what is missing, or undefined. */
export function ensureOrgFormation(log) {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js')) && !existsSync(join(ROOT, 'dist', 'index.js')))
    return 'Bulkhead is not built: run `npm run build` first (npm run bench:peer does)';
  if (!existsSync(TIME)) return `${TIME} is missing (Debian package time): it measures peak RSS`;
  if (existsSync(ORG_FORMATION_BIN)) return undefined;
  log(`installing ${ORG_FORMATION} into ${CACHE} (once) ...`);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), '{"private": true}\n');
  const r = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', CACHE, ORG_FORMATION],
    { encoding: 'utf8', timeout: 10 * 60_000 },
  );
  if (r.status !== 0 || !existsSync(ORG_FORMATION_BIN))
    return `could not install ${ORG_FORMATION} from the npm registry: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' ')}`;
  return undefined;
}

const running = new Set();
/** Stops every tool still running (on exit and Ctrl-C). */
export function stopAll() {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
}

/** Runs a command under /usr/bin/time; resolves with wall ms, peak RSS (KiB), status and output tails. */
function timed(argv, { cwd, env }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(TIME, ['-f', 'BENCH_MAX_RSS_KB=%M BENCH_CPU=%U+%S', ...argv], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out = (out + d).slice(-20_000)));
    child.stderr.on('data', (d) => (err = (err + d).slice(-20_000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('close', (status) => {
      clearTimeout(timer);
      running.delete(child);
      const rss = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(err)?.[1] ?? NaN);
      const cpu = /BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(err);
      resolve({
        ms: performance.now() - started,
        rssKb: rss,
        // User and system CPU time, in ms.
        cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : NaN,
        status,
        out,
        err: err.replace(/BENCH_MAX_RSS_KB=\d+ BENCH_CPU=\S+\n?/, ''),
      });
    });
  });
}

const env = (endpoint) => ({
  ...process.env,
  ...CREDENTIALS,
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: endpoint,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  NO_COLOR: '1',
});

/** BENCH_CPU_PROF=DIR: Bulkhead's runs also write a V8 CPU profile there (open it in Chrome's DevTools). */
const profile = () =>
  process.env['BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`] : [];

export const bulkhead = {
  name: 'bulkhead',
  apply: (dir, endpoint) =>
    timed([process.execPath, ...profile(), BULKHEAD_BIN, 'apply', '-f', 'org.yaml', '--endpoint', endpoint, '--yes'], {
      cwd: dir,
      env: env(endpoint),
    }),
  help: (dir) => timed([process.execPath, BULKHEAD_BIN, '--help'], { cwd: dir, env: env('http://127.0.0.1:9') }),
};

/** A Node process that does nothing, in the tools' environment: what any Node tool pays before its first line. */
export const bareNode = (dir, endpoint) => timed([process.execPath, '-e', '0'], { cwd: dir, env: env(endpoint) });

export const orgFormation = {
  name: 'org-formation',
  apply: (dir, endpoint) =>
    timed([process.execPath, ORG_FORMATION_BIN, 'update', 'organization.yml', '--no-color'], {
      cwd: dir,
      env: env(endpoint),
    }),
  help: (dir) => timed([process.execPath, ORG_FORMATION_BIN, '--help'], { cwd: dir, env: env('http://127.0.0.1:9') }),
};
