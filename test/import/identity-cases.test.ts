import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObservedAccount, ObservedOrg } from '../../src/model/observed.js';
import type { ObservedIdentity } from '../../src/model/observed-identity.js';
import { importIdentity, type ImportedAccount } from '../../src/toolkit/import-identity.js';
import { importSpec } from '../../src/toolkit/import.js';
import { validate } from '../../src/toolkit/validate.js';

const CASES = join(import.meta.dirname, '..', 'cases', 'import-identity');

interface Input {
  identity: ObservedIdentity;
  accounts: ImportedAccount[];
  management: { id: string; name: string };
}

const read = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(CASES, dir, file), 'utf8'));

describe('import rebuilds the access grid from Identity Center assignments', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, () => {
      const input = read(name, 'input.json') as Input;
      const expected = read(name, 'expected.json') as Record<string, unknown>;
      const out = importIdentity(input.identity, input.accounts, input.management);
      // expected.json lists what the case is about: the whole identity value, or some of its keys.
      for (const [key, value] of Object.entries(expected)) {
        if (key === 'owners') expect(out.owners).toEqual(value);
        else if (key === 'warnings') expect(out.warnings).toEqual(value);
        else if (key === 'identity') expect(out.identity ?? null).toEqual(value);
        else expect(out.identity?.[key] ?? null).toEqual(value);
      }
    });
  }
});

describe('importSpec with identity', () => {
  const account = (id: string, name: string, environment?: string): ObservedAccount => ({
    id,
    arn: '',
    name,
    email: `${name}@example.com`,
    status: 'ACTIVE',
    parentId: 'r-ab12',
    tags: environment === undefined ? {} : { environment },
  });
  const tree: ObservedOrg = {
    organization: { id: 'o-abc123defg', arn: '', managementAccountId: '111111111111', featureSet: 'ALL' },
    root: { id: 'r-ab12', arn: '', enabledPolicyTypes: [], tags: {} },
    organizationalUnits: [],
    accounts: [
      account('111111111111', 'acme-management'),
      account('222222222221', 'acme-dev-a', 'dev'),
      account('222222222222', 'acme-dev-b', 'dev'),
      account('333333333331', 'acme-prod', 'prod'),
      account('444444444441', 'acme-sandbox-alice', 'sandbox-alice'),
    ],
    policies: [],
    pendingCreates: [],
  };

  it('writes a spec that validates, with owners, the grid and the leftovers as comments', async () => {
    const owner = (read('owner-only-user-assignment', 'input.json') as Input).identity;
    const odd = (read('one-account-of-an-environment', 'input.json') as Input).identity;
    const identity = { ...owner, assignments: [...owner.assignments, ...odd.assignments.slice(1)] };
    identity.assignments.push({ ...odd.assignments[0]!, accountId: '333333333331', permissionSetName: 'PowerUser' });
    const { text, warnings } = importSpec(tree, { homeRegion: 'eu-west-1' }, identity);
    expect(warnings).toEqual([
      'assignment not imported: group Developers has ReadOnly in acme-prod: the group holds 2 permission sets in prod, a grid cell holds one',
      'assignment not imported: group Developers has PowerUser in acme-prod: the group holds 2 permission sets in prod, a grid cell holds one',
    ]);
    expect(text).toContain('# - group Developers has PowerUser in acme-prod');
    expect(text).toMatch(/sandbox-alice:\n\s+kind: sandbox\n\s+owner: alice/);
    const dir = mkdtempSync(join(tmpdir(), 'import-identity-'));
    writeFileSync(join(dir, 'org.yaml'), text);
    const result = await validate({ file: join(dir, 'org.yaml') });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const grid = result.model!.identity.assignments.map(
      (a) => `${a.group} ${a.environment} ${a.permissionSet} ${a.user ?? ''}`,
    );
    expect(grid.sort()).toEqual(['Developers dev PowerUser ', 'Developers sandbox-alice PowerUser alice']);
  });

  it('without an Identity Center instance the spec has no identity', () => {
    const { text, warnings } = importSpec(
      tree,
      {},
      { users: [], groups: [], memberships: [], permissionSets: [], assignments: [], pending: [] },
    );
    expect(text).not.toContain('identity:');
    expect(warnings).toEqual([]);
  });
});
