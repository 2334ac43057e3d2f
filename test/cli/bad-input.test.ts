import { existsSync, mkdtempSync, openSync, writeFileSync, closeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-cli-'));

function noStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(text).not.toMatch(/internal error/);
}

describe('bad input gets one clear message and a non-zero exit', () => {
  it('unknown command: usage error, exit 2, with a suggestion', async () => {
    const r = await runCli(['valdate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'valdate'/);
    expect(r.stderr).toMatch(/Did you mean validate\?/);
  });

  it('unknown flag: usage error, exit 2', async () => {
    const r = await runCli(['validate', '--jsno']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--jsno'/);
  });

  it('missing file', async () => {
    const r = await runCli(['validate', '-f', join(dir, 'nope.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/E-FILE-NOT-FOUND: cannot read .*nope\.yaml: no such file/);
    expect(r.stderr).toMatch(/bulkhead init/);
    noStackTrace(r.stderr);
  });

  it('a folder instead of a file', async () => {
    const r = await runCli(['validate', '-f', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/E-FILE-NOT-A-FILE/);
  });

  it('empty file', async () => {
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, '');
    const r = await runCli(['validate', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/empty\.yaml:1:1: error E-SPEC-EMPTY/);
  });

  it('binary file', async () => {
    const file = join(dir, 'binary.yaml');
    writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]));
    const r = await runCli(['validate', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/E-FILE-BINARY: .* is a binary file, not YAML/);
    noStackTrace(r.stderr);
  });

  it('YAML indented with tabs', async () => {
    const file = join(dir, 'tabs.yaml');
    writeFileSync(file, 'version: 1\norganization:\n\tname: acme\n');
    const r = await runCli(['validate', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tabs\.yaml:3:1: error E-YAML-TAB/);
    expect(r.stderr).toMatch(/replace the tabs with spaces/);
  });

  it('a 50 MB file is refused before it is read', async () => {
    const file = join(dir, 'huge.yaml');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const r = await runCli(['validate', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/E-FILE-TOO-LARGE: .* is 50\.0 MB; a spec may be at most 16 MB/);
  });

  it('invalid UTF-8', async () => {
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.from('version: 1\nname: caf\xe9\n', 'latin1'));
    const r = await runCli(['validate', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/E-FILE-ENCODING/);
  });

  it('init with an unknown template: a usage error, exit 2', async () => {
    const r = await runCli(['init', '--template', 'galactic', '-f', join(dir, 'x.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'galactic' is invalid\. Allowed choices are startup, growth, enterprise/);
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });

  it('init refuses options that would make a spec validate rejects: exit 2, nothing written', async () => {
    const file = join(dir, 'refused.yaml');
    for (const args of [
      ['--developers', 'ann,ann'],
      ['--home-region', 'eu-wset-1'],
      ['--template', 'enterprise', '--business-units', 'retail,retail'],
      ['--name', 'a'.repeat(31), '--developers', 'abcdefghijklmnop'],
    ]) {
      const r = await runCli(['init', '-f', file, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/hint: /);
      noStackTrace(r.stderr);
      expect(existsSync(file)).toBe(false);
    }
  });

  it('a file of carriage returns is empty, like a blank one', async () => {
    const file = join(dir, 'cr.yaml');
    writeFileSync(file, '\r\r\r');
    const r = await runCli(['validate', '-f', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cr\.yaml:1:1: error E-SPEC-EMPTY/);
  });

  it('plan with a broken spec sends nothing: not even the local cloud starts', async () => {
    const data = join(dir, 'never-started');
    const r = await runCli(['plan', '-f', join(dir, 'missing.yaml'), '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing was sent to AWS/);
    expect(existsSync(data)).toBe(false);
  });

  it('an endpoint without credentials, and one that does not answer', async () => {
    const file = join(dir, 'ok.yaml');
    expect((await runCli(['init', '-f', file])).code).toBe(0);
    const saved = {
      id: process.env['AWS_ACCESS_KEY_ID'],
      secret: process.env['AWS_SECRET_ACCESS_KEY'],
      profile: process.env['AWS_PROFILE'],
    };
    try {
      delete process.env['AWS_ACCESS_KEY_ID'];
      delete process.env['AWS_SECRET_ACCESS_KEY'];
      process.env['AWS_PROFILE'] = 'bulkhead-test-profile-that-does-not-exist';
      const none = await runCli(['plan', '-f', file, '--endpoint', 'http://127.0.0.1:9']);
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(
        /error: the AWS profile "bulkhead-test-profile-that-does-not-exist" is not defined in /,
      );
      delete process.env['AWS_PROFILE']; // the SDK prefers a named profile to the key variables
      process.env['AWS_ACCESS_KEY_ID'] = 'x';
      process.env['AWS_SECRET_ACCESS_KEY'] = 'y';
      const down = await runCli(['plan', '-f', file, '--endpoint', 'http://127.0.0.1:9']);
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/error: cannot reach the endpoint \(ECONNREFUSED/);
      noStackTrace(down.stderr);
    } finally {
      for (const [k, v] of [
        ['AWS_ACCESS_KEY_ID', saved.id],
        ['AWS_SECRET_ACCESS_KEY', saved.secret],
        ['AWS_PROFILE', saved.profile],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }, 60_000);
});
