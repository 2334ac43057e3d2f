import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';

const BASE = readFileSync(
  join(import.meta.dirname, '..', 'cases', 'plan', 'remove-organization-trail', 'org.yaml'),
  'utf8',
)
  .replace('  sandbox-alice:\n', '  sandbox-bob:\n    kind: sandbox\n    owner: alice\n  sandbox-alice:\n')
  .replace(
    '  - name: acme-sandbox-alice\n',
    '  - name: acme-sandbox-bob\n    email: aws+sandbox-bob@example.com\n    environment: sandbox-bob\n  - name: acme-sandbox-alice\n',
  )
  .replace('accounts: [acme-sandbox-alice]', 'accounts: [acme-sandbox-alice, acme-sandbox-bob]');

async function budgetsOf(yaml: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-budgets-')), 'org.yaml');
  writeFileSync(file, BASE + yaml);
  const result = await validateSpecFile(file);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.model!.cost!.budgets;
}

describe('budgets: the model', () => {
  it('expands a kind per environment, lets an environment entry win, fills in names, alerts and subscribers', async () => {
    const budgets = await budgetsOf(`budgets:
  - environmentKind: sandbox
    name: "{environment}-experiments"
    limit: 50
  - environment: sandbox-bob
    limit: 80
    period: QUARTERLY
  - account: acme-prod
    limit: 3000
    currency: EUR
`);
    expect(budgets.map((b) => [b.name, b.accounts, b.limit, b.currency, b.period, b.subscribers, b.source])).toEqual([
      // alice owns her sandbox: her identity user's email.
      ['sandbox-alice-experiments', ['acme-sandbox-alice'], 50, 'USD', 'MONTHLY', ['alice@example.com'], 'budgets[0]'],
      // bob's sandbox is alice's too.
      ['sandbox-bob-quarterly', ['acme-sandbox-bob'], 80, 'USD', 'QUARTERLY', ['alice@example.com'], 'budgets[1]'],
      // prod has no owner: the management account's email.
      ['acme-prod-monthly', ['acme-prod'], 3000, 'EUR', 'MONTHLY', ['aws+management@example.com'], 'budgets[2]'],
    ]);
    expect(budgets[0]!.alerts).toEqual([
      { type: 'ACTUAL', threshold: 80 },
      { type: 'ACTUAL', threshold: 100 },
      { type: 'FORECASTED', threshold: 100 },
    ]);
    expect(budgets[0]!.environment).toBe('sandbox-alice');
    expect(budgets[2]!.environment).toBeUndefined();
  });

  it('an empty budgets: section still says Budgets is managed (so Bulkhead may delete its own)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-budgets-')), 'org.yaml');
    writeFileSync(file, `${BASE}budgets: []\n`);
    expect((await validateSpecFile(file)).model!.cost).toMatchObject({ budgets: [], budgetsListed: true });
    writeFileSync(file, BASE);
    expect((await validateSpecFile(file)).model!.cost).toMatchObject({ budgets: [], budgetsListed: false });
  });
});
