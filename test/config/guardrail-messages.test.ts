import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { FAKE_GUARDRAILS } from '../support/fake-guardrails.js';

// The codes and positions are in test/cases/validate/guardrail-*; these check that messages say what to change.
const CASES = join(import.meta.dirname, '..', 'cases', 'validate');

async function diagnostic(name: string, code: string) {
  const r = await validateSpecFile(join(CASES, name, 'org.yaml'), { guardrails: FAKE_GUARDRAILS });
  const d = r.diagnostics.find((x) => x.code === code);
  expect(d, `${name} reports ${code}`).toBeDefined();
  return d!;
}

describe('guardrail diagnostics', () => {
  it('an unknown guardrail suggests the close name', async () => {
    const d = await diagnostic('guardrail-unknown', 'E-GUARDRAIL-UNKNOWN');
    expect(d.hint).toContain('did you mean `deny-leave-organization`?');
  });

  it('a bad parameter is reported at the parameter, with the guardrail and its hint', async () => {
    const d = await diagnostic('guardrail-bad-parameter', 'E-GUARDRAIL-PARAMETER');
    expect(d.path).toBe('guardrails[0].parameters.regions[1]');
    expect(d.message).toBe('guardrail "allowed-regions": "eu-wset-2" is not an AWS Region');
    expect(d.hint).toContain('`eu-west-2`');
  });

  it('too many policies on a target names the target, every policy on it and what to drop', async () => {
    const d = await diagnostic('guardrail-too-many-policies', 'E-GUARDRAIL-TOO-MANY-POLICIES');
    expect(d.message).toContain('account:acme-prod would have 6 SCPs attached');
    expect(d.message).toContain('2 hand-written (deny-s3, deny-dynamodb)');
    expect(d.message).toContain('guardrails-account-acme-prod: deny-leave-organization');
    expect(d.hint).toContain('drop allowed-regions from account:acme-prod');
    expect(d.hint).toContain('merge the hand-written SCPs');
  });

  it('a guardrail written under serviceControlPolicies points to the top-level guardrails:', async () => {
    const r = await validateSpecFile(join(CASES, 'guardrail-not-yet-supported', 'org.yaml'));
    const d = r.diagnostics.find((x) => x.code === 'E-GUARDRAIL-UNSUPPORTED')!;
    expect(d.hint).toContain('guardrails: [{ use: region-lock');
  });

  it('warnings alone leave a model with the packed policies', async () => {
    const r = await validateSpecFile(join(CASES, 'guardrail-redundant', 'org.yaml'), { guardrails: FAKE_GUARDRAILS });
    expect(r.model).toBeDefined();
    expect([...r.model!.serviceControlPolicies.keys()]).toEqual([
      'deny-outside-allowed-regions',
      'guardrails-root',
      'guardrails-ou-workloads-prod',
    ]);
    expect(r.model!.serviceControlPolicies.get('guardrails-root')?.description).toBe(
      'Bulkhead guardrails: allowed-regions',
    );
  });

  it('names a packed policy after the targets that count: the management account is left out', async () => {
    const base = readFileSync(join(CASES, 'guardrail-unknown', 'org.yaml'), 'utf8');
    const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-guardrail-')), 'org.yaml');
    writeFileSync(
      file,
      base.replace(
        '  - use: deny-leave-organisation\n    targets: [root]',
        '  - use: deny-leave-organization\n    targets: [account:acme-management, root]',
      ),
    );
    const r = await validateSpecFile(file, { guardrails: FAKE_GUARDRAILS });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['BP-SCP-ON-MANAGEMENT']);
    expect(r.model!.serviceControlPolicies.get('guardrails-root')?.targets).toEqual([{ type: 'root' }]);
  });
});
