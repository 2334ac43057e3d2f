/* eslint-disable no-control-regex -- these tests are about control characters in the output */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/cli/io.js';
import { escapeControls } from '../../src/cli/render/sanitize.js';
import { colourFor } from '../../src/cli/render/style.js';
import { captureStream, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-output-'));
const validSpec = join(import.meta.dirname, '..', 'cases', 'validate', 'bp-developers-write-prod', 'org.yaml');
const ESC = '\u001b';

describe('colour is decided per stream', () => {
  it('stdout redirected to a file gets no ANSI codes while stderr on the terminal keeps them', async () => {
    const r = await runCli(['validate', '-f', validSpec], { stdoutTty: false, stderrTty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ .* is valid/);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stderr).toContain(`${ESC}[33mwarning${ESC}[39m`);
  });

  it('stdout on a terminal is coloured, stderr redirected is not', async () => {
    const r = await runCli(['validate', '-f', validSpec], { stdoutTty: true, stderrTty: false });
    expect(r.stdout).toContain(`${ESC}[32m✓${ESC}[39m`);
    expect(r.stderr).toMatch(/warning BP-PROD-WRITE/);
    expect(r.stderr).not.toContain(ESC);
  });

  it('--no-color wins over FORCE_COLOR and a terminal', async () => {
    const r = await runCli(['validate', '--no-color', '-f', validSpec], {
      stdoutTty: true,
      stderrTty: true,
      env: { FORCE_COLOR: '1' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(ESC);
  });

  const cases: [string, NodeJS.ProcessEnv, boolean, boolean][] = [
    ['a terminal', {}, true, true],
    ['a pipe', {}, false, false],
    ['NO_COLOR=1 on a terminal', { NO_COLOR: '1' }, true, false],
    ['NO_COLOR empty on a terminal (empty means unset)', { NO_COLOR: '' }, true, true],
    ['FORCE_COLOR=1 on a pipe', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR empty on a pipe', { FORCE_COLOR: '' }, false, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=1 with NO_COLOR=1', { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    ['TERM=dumb on a terminal', { TERM: 'dumb' }, true, false],
  ];
  it.each(cases)('%s', (_name, env, isTTY, expected) => {
    expect(colourFor({ isTTY }, env)).toBe(expected);
  });
});

describe('symbols follow the locale', () => {
  const run = (env: NodeJS.ProcessEnv) => runCli(['validate', '-f', validSpec], { env });
  it.each([
    [{ LANG: 'C' }, 'ok '],
    [{ LC_ALL: 'POSIX', LANG: 'en_US.UTF-8' }, 'ok '],
    [{ LC_CTYPE: 'en_US.ISO-8859-1' }, 'ok '],
    [{ LANG: 'C.UTF-8' }, '✓ '],
    [{ LC_ALL: 'en_GB.utf8', LANG: 'C' }, '✓ '],
    [{}, '✓ '],
  ])('%o: "%s"', async (env, mark) => {
    const r = await run(env);
    expect(r.stdout.startsWith(mark)).toBe(true);
  });

  it('JSON output keeps its values in an ASCII locale', async () => {
    const r = await runCli(['schema'], { env: { LANG: 'C' } });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse((await runCli(['schema'])).stdout));
  });
});

describe('control characters never reach the terminal raw', () => {
  const hostile = join(dir, 'hostile.yaml');
  // A key that would set the window title, clear the screen, and an 8-bit CSI and a bidi override.
  writeFileSync(hostile, `${readFileSync(validSpec, 'utf8')}\n"\\e]0;pwned\\a\\e[2Jx\\u009b31m\\u202eevil\\r": 1\n`);

  it('validate shows them escaped, and only its own colour codes are real escapes', async () => {
    const r = await runCli(['validate', '-f', hostile], { stdoutTty: true, stderrTty: true });
    expect(r.code).toBe(1);
    // The spec's rules name invisible characters by code point; the terminal never sees them raw.
    expect(r.stderr).toContain('\\u{001B}]0;pwned\\u{0007}\\u{001B}[2Jx\\u{009B}31m\\u{202E}evil\\u{000D}');
    const escapes = r.stderr.match(/\u001b[^\n]{0,4}/g) ?? [];
    for (const e of escapes) expect(e).toMatch(/^\u001b\[\d+m/);
    expect(r.stderr).not.toMatch(/[\u0007\u009b\u202e\r]/);
  });

  it('validate --json stays a JSON document with the same values', async () => {
    const r = await runCli(['validate', '--json', '-f', hostile], { stdoutTty: true });
    expect(r.stdout).not.toMatch(/[\u0007\u001b\u009b\u202e]/);
    const doc = JSON.parse(r.stdout) as { diagnostics: { message: string }[] };
    const named = '\\u{001B}]0;pwned\\u{0007}\\u{001B}[2Jx\\u{009B}31m\\u{202E}evil\\u{000D}';
    expect(doc.diagnostics.some((d) => d.message.includes(named))).toBe(true);
  });

  it('one function escapes them, and leaves newlines, tabs and other text alone', () => {
    expect(escapeControls('a\tb\nc\u0000\u007f\u0085é✓')).toBe('a\tb\nc\\x00\\u007f\\u0085é✓');
  });

  it('the terminal escapes what any renderer writes, on both streams', () => {
    const stdout = captureStream(true);
    const stderr = captureStream(true);
    const term = createTerminal({ stdout, stderr, env: {} });
    term.out(`account ${ESC}[2Kroot`);
    term.err(term.style.red(`tag ${ESC}]8;;http://x${ESC}\\`));
    expect(stdout.text()).toBe('account \\x1b[2Kroot\n');
    expect(stderr.text()).toBe(`${ESC}[31mtag \\x1b]8;;http://x\\x1b\\${ESC}[39m\n`);
  });
});
