import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { stateOfTree } from '../../src/model/observed.js';
import { diff } from '../../src/plan/diff.js';
import { readPlanFile, writePlanFile } from '../../src/plan/plan-file.js';
import { specHash } from '../../src/plan/fingerprint.js';
import { renderPlan } from '../../src/plan/render.js';
import { FAKE_GUARDRAILS } from '../support/fake-guardrails.js';
import { EMPTY_OBSERVED, observedAfterApplying } from '../support/simulate-observed.js';

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-guardrail-plan-'));

function spec(guardrails: string): string {
  return `version: 1
organization:
  name: acme
  managementAccount: { name: acme-management, email: aws+management@example.com }
  homeRegion: eu-west-1
  allowedRegions: [eu-west-1, eu-central-1]
environments:
  prod: { kind: production }
organizationalUnits:
  - name: Workloads
    accounts: [acme-prod]
accounts:
  - { name: acme-prod, email: aws+prod@example.com, environment: prod }
guardrails:
${guardrails}`;
}

async function modelOf(name: string, text: string) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  const r = await validateSpecFile(file, { guardrails: FAKE_GUARDRAILS });
  expect(r.diagnostics).toEqual([]);
  return r.model!;
}

const TWO = `  - use: allowed-regions
    targets: [root]
  - use: deny-leave-organization
    targets: [root]
`;

describe('the plan of packed guardrails', () => {
  it('creates one policy for the guardrails on the root and shows what it holds and its size', async () => {
    const model = await modelOf('two', spec(TWO));
    const policy = model.serviceControlPolicies.get('guardrails-root')!;
    expect(policy.origin).toEqual({
      guardrails: ['allowed-regions', 'deny-leave-organization'],
      size: JSON.stringify(policy.document).length,
      maxSize: 5120,
    });
    expect(policy.targets).toEqual([{ type: 'root' }]);
    const { changes } = diff(model, stateOfTree(EMPTY_OBSERVED));
    const create = changes.find((c) => c.id === 'policy:guardrails-root')!;
    expect(create.origin).toEqual(policy.origin);
    const text = renderPlan(changes, []);
    expect(text).toContain(
      `  + create policy guardrails-root\n        holds allowed-regions, deny-leave-organization · ${policy.origin!.size} of 5,120 characters\n`,
    );
    expect(text).toContain('+ attach policy-attachment guardrails-root → root');
  });

  it('adding a guardrail on the same target updates the packed policy in place; applied, it plans nothing', async () => {
    const before = await modelOf('one', spec(TWO));
    const after = await modelOf(
      'three',
      spec(`${TWO}  - use: deny-iam-users
    targets: [root]
`),
    );
    const state = stateOfTree(observedAfterApplying(before));
    const { changes } = diff(after, state);
    expect(changes.map((c) => `${c.action} ${c.id}`)).toEqual(['update policy:guardrails-root']);
    expect(renderPlan(changes, [])).toMatch(
      /holds allowed-regions, deny-leave-organization, deny-iam-users · \d+ of 5,120/,
    );
    expect(diff(after, stateOfTree(observedAfterApplying(after))).changes).toEqual([]);
  });

  it('a saved plan keeps the origin', async () => {
    const model = await modelOf('saved', spec(TWO));
    const { changes } = diff(model, stateOfTree(EMPTY_OBSERVED));
    const file = join(dir, 'plan.json');
    writePlanFile(file, {
      formatVersion: 2,
      createdAt: '2026-01-02T03:04:05.000Z',
      target: 'local',
      specFile: join(dir, 'saved.yaml'),
      specHash: specHash('x'),
      stateFingerprint: `sha256:${'0'.repeat(64)}`,
      changes,
      problems: [],
      notes: [],
    });
    const read = readPlanFile(file);
    expect(read.changes.find((c) => c.id === 'policy:guardrails-root')?.origin?.guardrails).toEqual([
      'allowed-regions',
      'deny-leave-organization',
    ]);
  });
});
