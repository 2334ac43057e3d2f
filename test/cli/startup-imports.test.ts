import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The built CLI (npm test builds before vitest runs) is started for real, with a hook that records
// every module it imports: validate must not pay for the AWS SDK, --help not even for the validator.
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bulkhead-imports-'));

function importsOf(args: string[]): string[] {
  const trace = join(dir, `trace-${args.join('-').replace(/[^a-z]/gi, '')}.txt`);
  writeFileSync(trace, '');
  const r = spawnSync(
    process.execPath,
    ['--import', join(root, 'test', 'support', 'trace-imports.mjs'), join(root, 'bin', 'bulkhead.js'), ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, BULKHEAD_TRACE_IMPORTS: trace },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

describe('what the CLI loads', () => {
  it('validate loads no AWS SDK module', () => {
    expect(
      spawnSync(process.execPath, [join(root, 'bin', 'bulkhead.js'), 'init', '-t', 'enterprise'], { cwd: dir }).status,
    ).toBe(0);
    const loaded = importsOf(['validate']);
    expect(loaded.some((u) => u.includes('iam-data'))).toBe(true); // the trace works: the catalogue is loaded
    expect(loaded.filter((u) => /@aws-sdk|@smithy/.test(u))).toEqual([]);
  });

  it('--help loads neither the validator nor the catalogue', () => {
    const loaded = importsOf(['--help']);
    expect(loaded.filter((u) => /iam-data|@aws-sdk/.test(u))).toEqual([]);
  });
});
