import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { apply } from '../../src/toolkit/apply.js';
import { init } from '../../src/toolkit/init.js';
import { plan } from '../../src/toolkit/plan.js';
import { freshLocalCloud, type LocalEnv } from './local-connection.js';

// plan and apply read the organization while the target is checked (src/toolkit/checked-refresh.ts): a target
// that passes is shown before anything of the reads; one that is refused is reported as before, and nothing of
// the reads is shown.
describe('the target check overlapped with the refresh', () => {
  let env: LocalEnv;
  let file: string;
  beforeAll(async () => {
    env = await freshLocalCloud();
    file = join(env.dir, 'org.yaml');
    init({ template: 'startup', file });
    const done = await apply({ yes: true, file, connection: env.connection, io: new RecordingIoHost() });
    expect(done.failed).toEqual([]);
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('shows the target first, then the reads, numbered in order, and counts only the reads', async () => {
    const io = new RecordingIoHost();
    const result = await plan({ file, connection: env.connection, io });
    expect(result.plan.changes).toEqual([]);
    const codes = io.events.map((e) => e.code);
    expect(codes.indexOf('target.identity')).toBeGreaterThanOrEqual(0);
    expect(codes.indexOf('target.identity')).toBeLessThan(codes.indexOf('refresh.progress'));
    expect(io.events.map((e) => e.seq)).toEqual(io.events.map((_, i) => i + 1));
    const done = io.events.find((e) => e.code === 'refresh.progress' && 'state' in e && e.state === 'done');
    // The reads' own calls: not GetCallerIdentity, which ran beside them.
    const calls = Number(/\((\d+) calls\)/.exec((done as { message: string }).message)?.[1]);
    const before = new Map(env.connection.clients.calls);
    await plan({ file, connection: env.connection, io: new RecordingIoHost() });
    const sent = [...env.connection.clients.calls].reduce((n, [op, k]) => n + k - (before.get(op) ?? 0), 0);
    expect(calls).toBe(sent - 2); // GetCallerIdentity and the check's DescribeOrganization
  });

  it('reports a refused target, and nothing of the reads', async () => {
    const wrong = join(env.dir, 'wrong.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(wrong, text.replace(/managementAccount:\n(\s+)/, 'managementAccount:\n$1id: "999999999999"\n$1'));
    const io = new RecordingIoHost();
    const err = await plan({ file: wrong, connection: env.connection, io }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('target-wrong-organization');
    expect(io.events.filter((e) => e.code === 'refresh.progress')).toEqual([]);
  });
});
