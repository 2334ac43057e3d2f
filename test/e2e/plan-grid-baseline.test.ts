import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { renderAccessDiff } from '../../src/toolkit/access-diff.js';
import { plan } from '../../src/toolkit/plan.js';
import { cloudWithTemplate } from './local-connection.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, stdio: 'ignore' });

describe('plan compares the access grid with the live Identity Center', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  beforeAll(async () => {
    env = await cloudWithTemplate('startup');
  });
  afterAll(async () => {
    await env.stop();
  });

  // Give every permission set of the spec AdministratorAccess (a permission-set update, now that identity is applied).
  const widen = (text: string) => text.replace(/ReadOnlyAccess/g, 'AdministratorAccess');

  it('outside a git repository the live Identity Center is the before side, so a widened grid shows', async () => {
    writeFileSync(env.file, widen(readFileSync(env.file, 'utf8')));
    const r = await plan({ file: env.file, connection: env.connection, io: new RecordingIoHost() });
    expect(r.access?.gridCompared).toBe(true);
    expect(r.access!.changes.some((c) => c.change === 'gain' && c.production)).toBe(true);
    expect(renderAccessDiff(r.access!)).not.toMatch(/not compared/);
  });

  it('in a git repository too: an unchanged spec shows no change, a widened one gains', async () => {
    const dir = dirname(env.file);
    writeFileSync(env.file, readFileSync(env.file, 'utf8').replace(/AdministratorAccess/g, 'ReadOnlyAccess'));
    git(dir, 'init', '-q');
    git(dir, 'add', 'org.yaml');
    git(dir, 'commit', '-qm', 'spec');
    const same = await plan({ file: env.file, connection: env.connection, io: new RecordingIoHost() });
    expect(same.access?.lines ?? []).toEqual([]);
    writeFileSync(env.file, widen(readFileSync(env.file, 'utf8')));
    const r = await plan({ file: env.file, connection: env.connection, io: new RecordingIoHost() });
    // Identity is applied: the widened permission set is an update in AWS too.
    expect(r.plan.changes.map((c) => `${c.action} ${c.kind} ${c.key}`)).toEqual(['update permission-set ReadOnly']);
    expect(r.access?.gridCompared).toBe(true);
    expect(r.access!.changes.some((c) => c.change === 'gain')).toBe(true);
  });
});
