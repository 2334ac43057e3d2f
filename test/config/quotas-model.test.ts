import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';

const BASE = readFileSync(join(import.meta.dirname, '..', 'cases', 'validate', 'base.yaml'), 'utf8');

async function modelWith(extra: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bulkhead-quotas-'));
  writeFileSync(join(dir, 'org.yaml'), `${BASE}${extra}`);
  const result = await validateSpecFile(join(dir, 'org.yaml'));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.model!;
}

describe('quotas: in the model', () => {
  it('resolves targets to the accounts hosting them, the region defaulting to the home region', async () => {
    const model = await modelWith(`quotas:
  - { service: lambda, quota: L-B99A9384, value: 3000, environmentKind: production }
  - { service: lambda, quota: L-B99A9384, value: 2000, newAccounts: true, region: eu-central-1 }
`);
    expect(model.quotas).toEqual([
      {
        serviceCode: 'lambda',
        quotaCode: 'L-B99A9384',
        value: 3000,
        region: 'eu-west-1',
        accounts: ['acme-prod'],
        newAccounts: false,
        source: 'quotas[0]',
      },
      {
        serviceCode: 'lambda',
        quotaCode: 'L-B99A9384',
        value: 2000,
        region: 'eu-central-1',
        accounts: [],
        newAccounts: true,
        source: 'quotas[1]',
      },
    ]);
  });

  it('lets an account entry decide over its environment, and an environment over its kind, in either order', async () => {
    const model = await modelWith(`quotas:
  - { service: lambda, quota: L-B99A9384, value: 5000, account: acme-dev }
  - { service: lambda, quota: L-B99A9384, value: 3000, environmentKind: development }
  - { service: lambda, quota: L-B99A9384, value: 4000, environment: sandbox-alice }
  - { service: lambda, quota: L-B99A9384, value: 1500, environmentKind: sandbox }
`);
    expect(model.quotas?.map((q) => [q.value, q.accounts])).toEqual([
      [5000, ['acme-dev']],
      [3000, []],
      [4000, ['acme-sandbox-alice']],
      [1500, []],
    ]);
  });

  it('is absent without quotas:', async () => {
    expect((await modelWith('')).quotas).toBeUndefined();
  });
});
