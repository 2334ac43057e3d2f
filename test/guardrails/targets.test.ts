import { describe, expect, it } from 'vitest';
import { resolveGuardrailTargets } from '../../src/guardrails/targets.js';

const accounts = [
  { name: 'acme-prod', environment: 'prod' },
  { name: 'acme-shared', environment: 'staging', alsoHosts: ['prod-eu'] },
  { name: 'sb-alice', environment: 'sandbox-alice' },
  { name: 'sb-bob', environment: 'sandbox-bob', lifecycle: 'close' as const },
];
const kinds = new Map([
  ['prod', 'production'],
  ['prod-eu', 'production'],
  ['staging', 'staging'],
  ['sandbox-alice', 'sandbox'],
  ['sandbox-bob', 'sandbox'],
  ['dev', 'development'],
]);

describe('resolveGuardrailTargets', () => {
  it('resolves environments and kinds to the accounts hosting them, alsoHosts included, closed accounts not', () => {
    expect(resolveGuardrailTargets([{ type: 'kind', kind: 'production' }], accounts, kinds).targets).toEqual([
      { type: 'account', name: 'acme-prod' },
      { type: 'account', name: 'acme-shared' },
    ]);
    expect(resolveGuardrailTargets([{ type: 'kind', kind: 'sandbox' }], accounts, kinds).targets).toEqual([
      { type: 'account', name: 'sb-alice' },
    ]);
    expect(resolveGuardrailTargets([{ type: 'environment', name: 'prod-eu' }], accounts, kinds).targets).toEqual([
      { type: 'account', name: 'acme-shared' },
    ]);
  });

  it('keeps each concrete target once and passes root, OUs and accounts through', () => {
    const resolved = resolveGuardrailTargets(
      [
        { type: 'root' },
        { type: 'environment', name: 'prod' },
        { type: 'account', name: 'acme-prod' },
        { type: 'ou', path: 'Workloads' },
      ],
      accounts,
      kinds,
    );
    expect(resolved.targets).toEqual([
      { type: 'root' },
      { type: 'account', name: 'acme-prod' },
      { type: 'ou', path: 'Workloads' },
    ]);
    expect(resolved.empty).toEqual([]);
  });

  it('reports selectors that reach no account', () => {
    const resolved = resolveGuardrailTargets([{ type: 'environment', name: 'dev' }], accounts, kinds);
    expect(resolved).toEqual({ targets: [], empty: [{ type: 'environment', name: 'dev' }] });
  });
});
