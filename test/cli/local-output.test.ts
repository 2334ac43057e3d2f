import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('local status writes through the terminal like every command', () => {
  const data = mkdtempSync(join(tmpdir(), 'bulkhead-local-status-'));

  it('not running: a sentence on stdout and exit 1', async () => {
    const r = await runCli(['local', 'status', '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`The local cloud is not running (data ${data}). Start it with: bulkhead local start`);
  });

  it('--json: the document on stdout', async () => {
    const r = await runCli(['local', 'status', '--json', '--data', data]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ running: false, dataDir: data });
  });
});
