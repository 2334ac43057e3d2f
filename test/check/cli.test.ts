import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../support/e2e/built-cli.js';

const CASES = join(ROOT, 'test', 'cases', 'check');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'check', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const spec = (name: string) => ['-f', join(CASES, name, 'org.yaml')];

describe('bulkhead check (built CLI)', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('exits 0 when no finding reaches --fail-on, 1 when one does', () => {
    expect(run(spec('good-org')).status).toBe(0);
    expect(run([...spec('good-org'), '--fail-on', 'info']).status).toBe(0); // no finding at all
    expect(run(spec('bad-trail-unprotected')).status).toBe(0); // warnings, no error
    expect(run([...spec('bad-trail-unprotected'), '--fail-on', 'warning']).status).toBe(1);
    const bad = run(spec('bad-no-trail'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('ERROR   trail-enabled');
    expect(bad.stdout).toContain('docs: docs/check/trail-enabled.md');
  });

  it('exits 2 on usage errors, with the message', () => {
    const failOn = run([...spec('good-org'), '--fail-on', 'sometimes']);
    expect(failOn.status).toBe(2);
    expect(failOn.stderr).toMatch(/--fail-on must be error, warning or info/);
    const from = run([...spec('good-org'), '--from', 'lve']);
    expect(from.status).toBe(2);
    expect(from.stderr).toMatch(/--from must be spec or live/);
    expect(run([...spec('good-org'), '--max-scps', 'many']).status).toBe(2);
  });

  it('an invalid or missing spec exits 1 without a stack trace', () => {
    const r = run(['-f', join(CASES, 'no-such-case', 'org.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--json prints the documented report on stdout', () => {
    const r = run([...spec('bad-many-prod-writers'), '--json', '--max-prod-writers', '5']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown> & {
      findings: { rule: string }[];
      rules: { id: string; status: string }[];
    };
    expect(Object.keys(report)).toEqual([
      'source',
      'score',
      'summary',
      'rules',
      'findings',
      'description',
      'failOn',
      'failed',
    ]);
    expect(report.failOn).toBe('error');
    // Five people write to prod: within --max-prod-writers 5, so the rule passes.
    expect(report.rules.find((x) => x.id === 'prod-writers')?.status).toBe('pass');
    const strict = JSON.parse(run([...spec('bad-many-prod-writers'), '--json']).stdout) as typeof report;
    expect(strict.findings.map((f) => f.rule)).toContain('prod-writers');
  });

  it('the table fits 80 columns and is ASCII under LANG=C', () => {
    for (const name of ['bad-no-guardrails', 'bad-many-prod-writers', 'bad-sandboxes']) {
      const r = run(spec(name), { LANG: 'C', LC_ALL: 'C' });
      const lines = r.stdout.split('\n');
      expect(lines.length).toBeGreaterThan(20);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
      expect(r.stdout).toMatch(/^[\x20-\x7e\n]*$/);
    }
  });
});
