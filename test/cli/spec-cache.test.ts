import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The built CLI keeps each valid spec it validated beside its code cache (src/toolkit/spec-cache.ts): a second
// `plan` of an unchanged spec is not validated again, and an edited one always is.
const bin = join(import.meta.dirname, '..', '..', 'bin', 'bulkhead.js');

const SPEC = `version: 1
organization:
  name: cached
  homeRegion: us-east-1
  managementAccount: { name: root, email: root@example.com }
environments:
  prod: { kind: production }
organizationalUnits:
  - name: Workloads
    accounts: [prod]
accounts:
  - { name: prod, email: prod@example.com, environment: prod }
`;

function plan(dir: string, cache: string) {
  const r = spawnSync(process.execPath, [bin, 'plan', '-f', 'org.yaml', '--json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, BULKHEAD_COMPILE_CACHE: cache, NO_COLOR: '1' },
  });
  const changes = r.status === 0 ? (JSON.parse(r.stdout) as { changes: unknown[] }).changes : undefined;
  return { status: r.status, changes, err: r.stderr, out: r.stdout };
}

describe('the spec cache, through the CLI', () => {
  it('plans the same from a cached spec, and validates an edited spec afresh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-spec-cli-'));
    const cache = join(dir, 'cache');
    writeFileSync(join(dir, 'org.yaml'), SPEC);
    const uncached = plan(dir, 'off');
    expect(uncached.status, uncached.err).toBe(0);
    const first = plan(dir, cache);
    expect(readdirSync(cache).filter((f) => f.startsWith('spec-'))).toHaveLength(1);
    const second = plan(dir, cache);
    expect(second.changes).toEqual(uncached.changes);
    expect(first.changes).toEqual(uncached.changes);

    writeFileSync(join(dir, 'org.yaml'), SPEC.replace('environment: prod }', 'environment: staging }'));
    const broken = plan(dir, cache);
    expect(broken.status).toBe(1);
    expect(broken.err).toMatch(/org\.yaml:12:\d+/);
    expect(broken.err).toContain('nothing was sent to AWS');

    writeFileSync(join(dir, 'org.yaml'), SPEC.replace('prod@example.com', 'prod2@example.com'));
    const edited = plan(dir, cache);
    expect(edited.status, edited.err).toBe(0);
    expect(JSON.stringify(edited.changes)).toContain('prod2@example.com');
  });
});
