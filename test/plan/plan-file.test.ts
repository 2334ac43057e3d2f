import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BulkheadError } from '../../src/core/errors.js';
import { specHash } from '../../src/plan/fingerprint.js';
import { readPlanFile, verifyPlanSpec, writePlanFile } from '../../src/plan/plan-file.js';
import type { Plan } from '../../src/plan/types.js';

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-plan-file-'));
const SPEC = 'version: 1\norganization:\n  name: acme\n';
const specFile = join(dir, 'org.yaml');
writeFileSync(specFile, SPEC);

const plan: Plan = {
  formatVersion: 2,
  createdAt: '2026-01-02T03:04:05.000Z',
  target: 'local',
  specFile,
  specHash: specHash(SPEC),
  stateFingerprint: `sha256:${'0'.repeat(64)}`,
  changes: [
    {
      id: 'ou:Workloads',
      kind: 'organizational-unit',
      key: 'Workloads',
      label: 'Workloads',
      action: 'create',
      properties: [{ name: 'name', after: 'Workloads' }],
      payload: {
        action: 'create',
        name: 'Workloads',
        path: 'Workloads',
        parent: { address: { kind: 'organization', key: 'acme' }, id: 'r-root' },
        tags: { 'managed-by': 'bulkhead' },
      },
      dependsOn: [],
      destructive: false,
    },
  ],
  problems: [{ severity: 'warning', code: 'P-ACCOUNT-NAME', message: 'm', key: 'acme-dev' }],
  notes: [{ code: 'N-ACCOUNT-UNMANAGED', message: 'n' }],
};

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function refusal(fn: () => unknown): BulkheadError {
  try {
    fn();
  } catch (err) {
    expect(BulkheadError.is(err), String(err)).toBe(true);
    return err as BulkheadError;
  }
  throw new Error('expected a BulkheadError');
}

describe('plan file', () => {
  it('reads back what it wrote', () => {
    const path = join(dir, 'plan.json');
    writePlanFile(path, plan);
    expect(readPlanFile(path)).toEqual(plan);
  });

  it('refuses a missing file, saying so', () => {
    const e = refusal(() => readPlanFile(join(dir, 'nope.json')));
    expect(e.code).toBe('plan-file');
    expect(e.message).toMatch(/nope\.json: no such file/);
    expect(e.hint).toMatch(/bulkhead plan --out/);
  });

  it('refuses a file that is not JSON', () => {
    const e = refusal(() => readPlanFile(file('text.json', 'changes: []\n')));
    expect(e.code).toBe('plan-file');
    expect(e.message).toMatch(/text\.json is not JSON/);
  });

  it('refuses a plan of format 1, naming the format', () => {
    const e = refusal(() => readPlanFile(file('v1.json', JSON.stringify({ ...plan, formatVersion: 1 }))));
    expect(e.code).toBe('plan-format');
    expect(e.message).toMatch(/not a Bulkhead plan of format 2 \(format 1\)/);
  });

  it('refuses a change of an unknown kind, naming where', () => {
    const bad = { ...plan, changes: [{ ...plan.changes[0]!, kind: 'bucket' }] };
    const e = refusal(() => readPlanFile(file('kind.json', JSON.stringify(bad))));
    expect(e.code).toBe('plan-format');
    expect(e.message).toMatch(/not a valid plan: changes\.0\.kind:/);
  });

  it('refuses a change whose payload action differs from its action', () => {
    const change = plan.changes[0]!;
    const bad = { ...plan, changes: [{ ...change, payload: { ...change.payload, action: 'delete' } }] };
    const e = refusal(() => readPlanFile(file('action.json', JSON.stringify(bad))));
    expect(e.code).toBe('plan-format');
    expect(e.message).toMatch(/changes\.0: payload\.action differs from action/);
  });

  it('refuses a payload that lacks what its provider needs (an edited plan is never half-applied)', () => {
    const change = plan.changes[0]!;
    const { name: _name, ...payload } = change.payload as Record<string, unknown>;
    const bad = { ...plan, changes: [{ ...change, payload }] };
    const e = refusal(() => readPlanFile(file('payload.json', JSON.stringify(bad))));
    expect(e.code).toBe('plan-format');
    expect(e.message).toMatch(/changes\.0\.payload\.name: /);
  });

  it('accepts the plan while its spec is unchanged, refuses it once the spec changed', () => {
    const spec = file('spec.yaml', SPEC);
    const p = { ...plan, specFile: spec };
    expect(() => verifyPlanSpec(p, 'plan.json')).not.toThrow();
    writeFileSync(spec, `${SPEC}# edited\n`);
    const e = refusal(() => verifyPlanSpec(p, 'plan.json'));
    expect(e.code).toBe('plan-spec-changed');
    expect(e.message).toBe(`${spec} has changed since plan.json was made`);
  });

  it('refuses the plan when its spec cannot be read', () => {
    const e = refusal(() => verifyPlanSpec({ ...plan, specFile: join(dir, 'gone.yaml') }, 'plan.json'));
    expect(e.code).toBe('plan-spec-missing');
  });
});
