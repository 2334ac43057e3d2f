import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../support/e2e/built-cli.js';
import type { AuditResult } from '../../src/toolkit/audit/audit.js';
import { startMoto, type MotoServer } from '../support/fidelity/moto-server.js';
import {
  auditCases,
  CASES,
  caseFlags,
  fixtureFiles,
  motoTrailOrg,
  putLogFiles,
  REGION,
  withIds,
  type MotoTrailOrg,
} from './moto-trail.js';

let moto: MotoServer;
let org: MotoTrailOrg;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'audit', '--endpoint', moto.endpoint, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      NO_COLOR: '1',
      AWS_ACCESS_KEY_ID: moto.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: moto.credentials.secretAccessKey,
      AWS_REGION: REGION,
      ...env,
    },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The output with moto's random ids put back as the fixtures' `{{name}}` placeholders. */
function placeholders(text: string): string {
  let out = text.replaceAll(org.organizationId, '{{org}}');
  for (const [name, id] of Object.entries(org.ids)) out = out.replaceAll(id, `{{${name}}}`);
  return out;
}

beforeAll(async () => {
  ensureBuilt();
  moto = await startMoto();
  org = await motoTrailOrg(moto, ['log-archive', 'prod', 'dev']);
  await putLogFiles(org, fixtureFiles());
}, 120_000);

afterAll(async () => {
  org?.destroy();
  await moto?.stop();
});

describe('bulkhead audit (built CLI, moto through --endpoint)', () => {
  for (const c of auditCases()) {
    const flags = () =>
      caseFlags({ ...c.options, ...(c.options.account ? { account: withIds(c.options.account, org.ids) } : {}) });

    it(`${c.name}: the table (test/cases/audit/${c.name}/expected.txt), 80 columns`, () => {
      const r = run(flags());
      expect(r.stderr.split('\n').filter((l) => l.startsWith('warning:')).length).toBe(c.warnings?.length ?? 0);
      expect(r.status).toBe(0);
      const expected = join(CASES, c.name, 'expected.txt');
      // AUDIT_WRITE_EXPECTED=1 writes the golden file from this run (review it before committing).
      if (process.env['AUDIT_WRITE_EXPECTED']) writeFileSync(expected, placeholders(r.stdout));
      expect(existsSync(expected), `${expected} is missing; the output was:\n${r.stdout}`).toBe(true);
      expect(r.stdout).toBe(withIds(readFileSync(expected, 'utf8'), { ...org.ids, org: org.organizationId }));
      for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    });
  }

  it('--json prints the events with their fields (the whole-day case)', () => {
    const c = auditCases().find((k) => k.name === 'whole-day')!;
    const r = run([...caseFlags(c.options), '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as AuditResult;
    expect(out.matched).toBe(c.matched);
    expect(out.trail).toMatchObject({ name: 'org-trail', bucketAccountId: org.ids['log-archive'], from: 'live' });
    expect(
      out.events.map((e) => [e.time, e.accountName, e.principal.name, e.eventName, e.error?.code ?? 'ok']),
    ).toEqual(
      c.expected.map(([time, ...rest]) => [
        `${time!.replace(' ', 'T')}.000Z`,
        ...rest.slice(0, 2),
        rest[2]!.split(':')[1],
        rest[3],
      ]),
    );
    expect(out.events[0]).toMatchObject({
      accountId: org.ids['prod'],
      region: 'eu-west-1',
      eventSource: 'iam.amazonaws.com',
      principal: { type: 'AssumedRole', arn: expect.stringContaining(':assumed-role/AWSReservedSSO_') },
      readOnly: false,
      sourceIp: '203.0.113.7',
      eventId: 'evt-DeleteRole-4',
    });
    expect(out.warnings.map((w) => w.code)).toEqual(['unparsable-log-file', 'unparsable-log-file']);
  });

  it('keeps to ASCII and 80 columns under LANG=C, cutting long cells with "..."', () => {
    const r = run(['--since', '2024-05-01T00:00:00Z', '--until', '2024-05-03T00:00:00Z'], { LANG: 'C', LC_ALL: '' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^[\x20-\x7e\n]*$/);
    expect(r.stdout).toContain('...');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it.each([
    [['--since', 'yesterday'], /--since "yesterday" is neither a duration nor a time/],
    [['--since', '2h', '--until', '3h'], /is after --until/],
    [['--limit', '0'], /--limit "0" is not a whole number/],
    [['--account', 'prdo'], /--account "prdo" is neither/],
  ])('%j is a usage error: exit 2 with a message, no stack trace', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing --file is an error of the input (exit 1), not silently ignored', () => {
    const r = run(['--file', 'no-such-org.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no-such-org.yaml');
  });

  it('--json errors are one JSON object on stderr', () => {
    const r = run(['--since', 'soon', '--json']);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stderr.trim().split('\n').at(-1)!)).toMatchObject({
      type: 'error',
      code: 'usage',
      exitCode: 2,
    });
  });
});
