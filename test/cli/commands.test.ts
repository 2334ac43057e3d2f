import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-cmd-'));

describe('commands', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['init', 'validate', 'schema', 'demo']) expect(r.stdout).toContain(c);
  });

  it('init then validate: exit 0 and a summary', async () => {
    const file = join(dir, 'org.yaml');
    expect((await runCli(['init', '--template', 'growth', '-f', file, '--developers', 'ann,ben'])).code).toBe(0);
    const r = await runCli(['validate', '-f', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is valid \(0 errors, 0 warnings; 10 accounts, 7 OUs\)/);
    expect(readFileSync(join(dir, 'org.schema.json'), 'utf8')).toContain('"$schema"');
  });

  it('validate --json prints the diagnostics as one JSON document', async () => {
    const r = await runCli([
      'validate',
      '--json',
      '-f',
      join(import.meta.dirname, '..', 'cases', 'validate', 'many-problems-in-one-run', 'org.yaml'),
    ]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as {
      valid: boolean;
      diagnostics: { code: string; line: number; column: number; path: string }[];
    };
    expect(doc.valid).toBe(false);
    expect(doc.diagnostics.map((d) => d.code)).toContain('E-UNKNOWN-KEY');
    const unknownKey = doc.diagnostics.find((d) => d.code === 'E-UNKNOWN-KEY')!;
    expect(unknownKey).toMatchObject({ line: 32, column: 5, path: 'accounts[1].emial' });
  });

  it('warnings alone exit 0', async () => {
    const r = await runCli([
      'validate',
      '-f',
      join(import.meta.dirname, '..', 'cases', 'validate', 'bp-developers-write-prod', 'org.yaml'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning BP-PROD-WRITE/);
  });

  it('schema prints a JSON Schema', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['organization', 'accounts', 'identity']));
  });
});
