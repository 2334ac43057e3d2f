import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('apply with a saved plan checks the file before it connects', () => {
  it('a missing plan is refused with its path, even when the endpoint could not be reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-planfile-'));
    const missing = join(dir, 'nope.json');
    const r = await runCli(['apply', missing, '--endpoint', 'http://127.0.0.1:9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot read the plan ${missing}: no such file`);
    expect(r.stderr).not.toMatch(/cannot reach|ECONNREFUSED/);
  });
});
