import { describe, expect, it } from 'vitest';
import { SCP_MAX_SIZE, scpSize } from '../../src/config/policy/scp-size.js';
import { packedPolicyBaseName, packGuardrails, type RenderedGuardrail } from '../../src/guardrails/pack.js';
import type { GuardrailTarget } from '../../src/guardrails/targets.js';
import type { PolicyTarget } from '../../src/model/organization.js';
import { manyActions } from '../support/fake-guardrails.js';

const options = { maxSize: SCP_MAX_SIZE, sizeOf: scpSize };
const root: PolicyTarget = { type: 'root' };
const sandboxOu: PolicyTarget = { type: 'ou', path: 'Sandbox' };

function guardrail(
  index: number,
  use: string,
  actions: string[],
  targets: PolicyTarget[],
  selectors: GuardrailTarget[] = targets,
): RenderedGuardrail {
  return {
    index,
    use,
    statements: [{ Sid: `S${index}`, Effect: 'Deny', Action: actions, Resource: '*' }],
    selectors,
    targets,
  };
}

describe('packGuardrails', () => {
  it('puts guardrails with the same targets into one policy, statements in spec order', () => {
    const result = packGuardrails(
      [
        guardrail(0, 'deny-leave-organization', ['organizations:LeaveOrganization'], [root]),
        guardrail(1, 'deny-actions', ['ec2:RunInstances'], [sandboxOu]),
        guardrail(2, 'deny-iam-users', ['iam:CreateUser'], [root]),
      ],
      options,
    );
    expect(result.policies.map((p) => [p.name, p.guardrails, p.uses])).toEqual([
      ['guardrails-root', ['deny-leave-organization', 'deny-iam-users'], [0, 2]],
      ['guardrails-ou-sandbox', ['deny-actions'], [1]],
    ]);
    const rootPolicy = result.policies[0]!;
    expect(rootPolicy.document.Statement.map((s) => s['Sid'])).toEqual(['S0', 'S2']);
    expect(rootPolicy.size).toBe(scpSize(rootPolicy.document));
    expect(rootPolicy.targets).toEqual([root]);
  });

  it('groups by the concrete targets, whatever their order', () => {
    const a: PolicyTarget = { type: 'account', name: 'a' };
    const b: PolicyTarget = { type: 'account', name: 'b' };
    const result = packGuardrails(
      [guardrail(0, 'x', ['s3:PutObject'], [a, b]), guardrail(1, 'y', ['s3:GetObject'], [b, a])],
      options,
    );
    expect(result.policies).toHaveLength(1);
    expect(result.policies[0]!.name).toBe('guardrails-account-a-and-1-more');
  });

  it('overflows into -2 when the next guardrail does not fit, and fills earlier policies first (first-fit)', () => {
    const big = manyActions(100, 'ec2'); // about 3,300 characters
    const result = packGuardrails(
      [
        guardrail(0, 'first', big, [root]),
        guardrail(1, 'second', manyActions(100, 's3'), [root]),
        guardrail(2, 'small', ['iam:CreateUser'], [root]),
      ],
      options,
    );
    expect(result.policies.map((p) => [p.name, p.guardrails])).toEqual([
      ['guardrails-root', ['first', 'small']],
      ['guardrails-root-2', ['second']],
    ]);
    for (const p of result.policies) expect(p.size).toBeLessThanOrEqual(SCP_MAX_SIZE);
    expect(scpSize({ Version: '2012-10-17', Statement: [big, manyActions(100, 's3')] })).toBeGreaterThan(SCP_MAX_SIZE);
  });

  it('reports a guardrail larger than one policy and packs the others', () => {
    const result = packGuardrails(
      [guardrail(0, 'huge', manyActions(200), [root]), guardrail(1, 'ok', ['iam:CreateUser'], [root])],
      options,
    );
    expect(result.tooLarge).toEqual([{ index: 0, use: 'huge', size: expect.any(Number) }]);
    expect(result.tooLarge[0]!.size).toBeGreaterThan(SCP_MAX_SIZE);
    expect(result.policies.map((p) => p.guardrails)).toEqual([['ok']]);
  });

  it('is stable: the same spec gives the same names and documents; a guardrail elsewhere renames nothing', () => {
    const spec = [
      guardrail(0, 'deny-leave-organization', ['organizations:LeaveOrganization'], [root]),
      guardrail(1, 'deny-actions', ['ec2:RunInstances'], [sandboxOu]),
    ];
    const once = packGuardrails(spec, options);
    expect(packGuardrails(spec, options)).toEqual(once);
    const more = packGuardrails(
      [guardrail(5, 'deny-iam-users', ['iam:CreateUser'], [{ type: 'account', name: 'acme-prod' }]), ...spec],
      options,
    );
    const byName = new Map(more.policies.map((p) => [p.name, p]));
    for (const p of once.policies) expect(byName.get(p.name)?.document).toEqual(p.document);
    expect([...byName.keys()].sort()).toEqual([
      'guardrails-account-acme-prod',
      'guardrails-ou-sandbox',
      'guardrails-root',
    ]);
  });

  it('names a group after the targets as written, so an account joining a kind keeps the name', () => {
    const kind: GuardrailTarget = { type: 'kind', kind: 'sandbox' };
    const one = packGuardrails([guardrail(0, 'x', ['a:b'], [{ type: 'account', name: 'sb-alice' }], [kind])], options);
    const two = packGuardrails(
      [
        guardrail(
          0,
          'x',
          ['a:b'],
          [
            { type: 'account', name: 'sb-alice' },
            { type: 'account', name: 'sb-bob' },
          ],
          [kind],
        ),
      ],
      options,
    );
    expect(one.policies[0]!.name).toBe('guardrails-kind-sandbox');
    expect(two.policies[0]!.name).toBe('guardrails-kind-sandbox');
    expect(two.policies[0]!.targets).toHaveLength(2);
  });

  it('reports a packed name that a hand-written SCP already has, or that two groups share', () => {
    const handWritten = packGuardrails([guardrail(0, 'x', ['a:b'], [root])], {
      ...options,
      taken: new Set(['guardrails-root']),
    });
    expect(handWritten.clashes).toEqual([{ name: 'guardrails-root', uses: [0], with: 'hand-written' }]);
    // OU paths "A/B" and "A-B" make the same name.
    const packed = packGuardrails(
      [
        guardrail(0, 'x', ['a:b'], [{ type: 'ou', path: 'A/B' }]),
        guardrail(1, 'y', ['a:b'], [{ type: 'ou', path: 'A-B' }]),
      ],
      options,
    );
    expect(packed.clashes).toEqual([{ name: 'guardrails-ou-a-b', uses: [1], with: 'packed' }]);
    expect(packGuardrails([guardrail(0, 'x', ['a:b'], [root])], options).clashes).toEqual([]);
  });

  it('skips a guardrail that reaches no target', () => {
    expect(packGuardrails([guardrail(0, 'x', ['a:b'], [])], options).policies).toEqual([]);
  });
});

describe('packedPolicyBaseName', () => {
  it('is readable and within the 128 characters AWS allows', () => {
    expect(packedPolicyBaseName([{ type: 'ou', path: 'Workloads/Prod' }])).toBe('guardrails-ou-workloads-prod');
    expect(packedPolicyBaseName([{ type: 'environment', name: 'prod' }, { type: 'root' }])).toBe(
      'guardrails-env-prod-and-1-more',
    );
    const long = packedPolicyBaseName([{ type: 'ou', path: 'A'.repeat(200) }]);
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long).toMatch(/^guardrails-ou-a+$/);
  });
});
