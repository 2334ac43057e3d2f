import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { makeStyle } from '../../src/cli/render/style.js';
import { runCli } from './run-cli.js';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const docs = readdirSync(join(root, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => readFileSync(join(root, 'docs', f), 'utf8'))
  .join('\n');
const machine = readFileSync(join(root, 'docs', 'machine-interface.md'), 'utf8');

function commands(command: Command, prefix = ''): [string, Command][] {
  return command.commands.flatMap((c) => {
    const name = `${prefix}${c.name()}`;
    return [[name, c] as [string, Command], ...commands(c, `${name} `)];
  });
}

const program = buildProgram({ out: () => {}, err: () => {}, style: makeStyle(false), isTty: false }, false, () => {});

describe('the docs name what the CLI has', () => {
  it('every command is in the README', () => {
    const missing = commands(program)
      .map(([name]) => name)
      .filter((name) => !readme.includes(name.includes(' ') ? name : `bulkhead ${name}`));
    expect(missing).toEqual([]);
  });

  it('every option of a command is in the README or a guide in docs/', () => {
    const documented = (flag: string | undefined) =>
      flag !== undefined && (readme.includes(`${flag} `) || readme.includes(`${flag}\``) || docs.includes(flag));
    const missing = commands(program).flatMap(([name, c]) =>
      c.options.filter((o) => !documented(o.long) && !documented(o.short)).map((o) => `${name} ${o.long}`),
    );
    expect(missing).toEqual([]);
  });

  it('what the README says validate --json prints is what it prints', async () => {
    const claimed = /`--json` prints `\{ ([^}]*) \}`/
      .exec(readme)![1]!
      .match(/"(\w+)"/g)!
      .map((k) => k.slice(1, -1));
    const r = await runCli(['validate', '--json', '-f', 'test/cases/validate/bp-developers-write-prod/org.yaml']);
    expect(Object.keys(JSON.parse(r.stdout) as object)).toEqual(claimed);
  });

  it('the demo creates as many accounts as the README says', async () => {
    const claimed = Number(/live progress \(OUs, (\d+) accounts created/.exec(readme)![1]);
    const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-docs-')), 'org.yaml');
    // The demo writes the growth template with its two developers.
    await runCli(['init', '--template', 'growth', '-f', file, '--developers', 'alice,bob']);
    const r = await runCli(['validate', '-f', file]);
    expect(r.stdout).toContain(`; ${claimed} accounts,`);
  });

  it('the machine interface documents every command with --json', () => {
    const withJson = commands(program)
      .filter(([, c]) => c.options.some((o) => o.long === '--json'))
      .map(([name]) => name);
    // A heading such as `access who-can ACTION --json` names the command with its arguments.
    const missing = withJson.filter((name) => !new RegExp(`${name}( [A-Z]+)* --json`).test(machine));
    expect(missing).toEqual([]);
  });
});
