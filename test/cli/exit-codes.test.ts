import { describe, expect, it } from 'vitest';
import { TEMPLATE_CHOICES } from '../../src/cli/commands/template-option.js';
import { TEMPLATE_NAMES } from '../../src/templates/index.js';
import { runCli } from './run-cli.js';

const validSpec = 'test/cases/validate/bp-developers-write-prod/org.yaml';

describe('exit codes', () => {
  it('a usage error under --detailed-exitcode exits 1, never 2 ("changes present")', async () => {
    for (const args of [
      ['plan', '--detailed-exitcode', '--nope'],
      ['plan', '--detailed-exitcode', '--target', 'nope', '-f', validSpec],
      ['plan', '-f', validSpec, '--detailed-exitcode', 'extra-argument'],
    ]) {
      const r = await runCli(args);
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
      expect(r.stderr).toMatch(/^error: /m);
    }
  });

  it('without --detailed-exitcode a usage error exits 2, said once', async () => {
    const r = await runCli(['plan', '--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/unknown option '--nope'/g)).toHaveLength(1);
  });

  // Every bad flag value is a usage error from the parser or the command, before anything runs.
  it.each([
    [['demo', '--template', 'nope']],
    [['init', '--template', 'nope', '-f', 'never-written.yaml']],
    [['show', '--format', 'nope']],
    [['access', 'matrix', '--format', 'nope']],
    [['apply', '--lock-timeout', 'soon']],
    [['apply', '--lock-timeout', '-1']],
    [['show', '--target', 'nope']],
  ])('%j exits 2', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*(nope|soon|-1)/);
  });

  it('the --template choices are the templates there are', () => {
    expect([...TEMPLATE_CHOICES]).toEqual([...TEMPLATE_NAMES]);
  });
});

describe('with --json, errors are JSON too', () => {
  it('a usage error is one JSON object on stderr, and stdout stays empty', async () => {
    const r = await runCli(['apply', '--json', '--lock-timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toEqual({
      type: 'error',
      code: 'usage',
      message: '--lock-timeout must be a number of seconds, not "soon"',
      exitCode: 2,
    });
  });

  it('a parser error too', async () => {
    const r = await runCli(['validate', '--json', '--jsno']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toEqual({
      type: 'error',
      code: 'usage',
      message: "unknown option '--jsno'\n(Did you mean --json?)",
      exitCode: 2,
    });
  });

  it('an error of the input carries its code and hint, as the last line of stderr after the diagnostics', async () => {
    const r = await runCli(['plan', '--json', '-f', 'no-such-spec.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(JSON.parse(lines[lines.length - 1]!)).toEqual({
      type: 'error',
      code: 'spec-invalid',
      message: 'no-such-spec.yaml has 1 error; nothing was sent to AWS',
      hint: 'fix them (`bulkhead validate -f no-such-spec.yaml`) and plan again',
      exitCode: 1,
    });
    expect(lines[0]).toMatch(/E-FILE-NOT-FOUND/);
  });
});
