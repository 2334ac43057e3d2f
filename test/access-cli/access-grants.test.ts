import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgModel } from '../../src/model/organization.js';
import { renderAccessDiff } from '../../src/toolkit/access-diff.js';
import { describeGrantChange, grantChanges, type AssignmentChangeNames } from '../../src/toolkit/access-grants.js';
import { loadModel } from '../../src/toolkit/access-source.js';
import { assignmentChanges, planAccessDiff } from '../../src/toolkit/plan-access.js';
import type { Plan } from '../../src/plan/types.js';

const GROWTH = join(import.meta.dirname, '..', 'cases', 'access-spec', 'growth', 'org.yaml');

let model: OrgModel;
beforeAll(async () => {
  const loaded = await loadModel(GROWTH);
  // A second prod account, so that "one account of prod" and "all of prod" differ.
  const prod = loaded.accounts.get('acme-prod')!;
  model = {
    ...loaded,
    accounts: new Map([
      ...loaded.accounts,
      ['acme-prod-us', { ...prod, name: 'acme-prod-us', email: 'us@example.com' }],
    ]),
  };
});

const change = (
  action: 'create' | 'delete',
  accountName: string,
  principalName: string,
  permissionSetName: string,
  principalType: 'GROUP' | 'USER' = 'GROUP',
): AssignmentChangeNames => ({ action, accountName, principalType, principalName, permissionSetName });

describe("the plan's words about access", () => {
  it('groups assignment changes by principal, permission set and environment; production first', () => {
    const grants = grantChanges(
      [
        change('create', 'acme-dev', 'Developers', 'PowerUser'),
        change('delete', 'acme-prod-us', 'Developers', 'ReadOnly'),
        change('create', 'acme-prod', 'Ops', 'Admin'),
        change('create', 'acme-prod-us', 'Ops', 'Admin'),
        change('create', 'acme-sandbox-alice', 'alice', 'Admin', 'USER'),
      ],
      model,
    );
    expect(grants.map((g) => describeGrantChange(g, model))).toEqual([
      'Developers (group) lose permission set ReadOnly in prod: acme-prod-us only (1 of 2 accounts) [production]',
      'Ops (group) gain permission set Admin in prod: all 2 accounts (acme-prod, acme-prod-us) [production]',
      'Developers (group) gain permission set PowerUser in dev: its one account (acme-dev)',
      'alice (user) gains permission set Admin in sandbox-alice: its one account (acme-sandbox-alice)',
    ]);
    expect(grants[1]).toEqual({
      change: 'gain',
      principalType: 'GROUP',
      principal: 'Ops',
      permissionSet: 'Admin',
      environment: 'prod',
      production: true,
      accounts: ['acme-prod', 'acme-prod-us'],
      allAccounts: true,
    });
  });

  it('the environment the change names wins over the account’s own', () => {
    const [g] = grantChanges([{ ...change('create', 'acme-dev', 'QA', 'ReadOnly'), environment: 'staging-qa' }], model);
    expect(g).toMatchObject({ environment: 'staging-qa', allAccounts: false, accounts: ['acme-dev'] });
  });

  it('prints them first in the one access section, then what the actions change', () => {
    const grants = grantChanges(
      [change('delete', 'acme-prod', 'Ops', 'Admin'), change('create', 'acme-dev', 'Developers', 'PowerUser')],
      model,
    );
    const text = renderAccessDiff({
      changes: [
        { group: 'Developers', environment: 'dev', production: false, change: 'gain', actions: ['s3:PutObject'] },
      ],
      lines: ['Developers gain s3:PutObject in dev'],
      actionsCompared: 3,
      gridCompared: true,
      grants,
      grantLines: grants.map((g) => describeGrantChange(g, model)),
    });
    expect(text).toBe(
      [
        'Access changes (3 actions compared per group and environment):',
        '  ! Ops (group) lose permission set Admin in prod: acme-prod only (1 of 2 accounts) [production]',
        '  + Developers (group) gain permission set PowerUser in dev: its one account (acme-dev)',
        '  + Developers gain s3:PutObject in dev',
      ].join('\n'),
    );
  });
});

describe('the plan carries them', () => {
  const assignment = (action: 'create' | 'delete', accountName: string, environment: string) => ({
    id: `assignment:${accountName}`,
    kind: 'account-assignment',
    key: `${accountName}@example.com/GROUP:Ops/Admin`,
    action,
    label: `Ops → Admin in ${accountName}`,
    properties: [],
    payload: {
      action,
      accountName,
      accountEmail: `${accountName}@example.com`,
      environment,
      principalType: 'GROUP',
      principalName: 'Ops',
      permissionSetName: 'Admin',
    },
    dependsOn: [],
    destructive: action === 'delete',
  });

  it("from the account-assignment changes' payloads, with the per-action lines after them", async () => {
    const plan = {
      formatVersion: 2,
      changes: [assignment('create', 'acme-dev', 'dev'), assignment('delete', 'acme-prod', 'prod')],
      problems: [],
      notes: [],
    } as unknown as Plan;
    expect(assignmentChanges(plan).map((c) => `${c.action} ${c.accountName} ${c.environment}`)).toEqual([
      'create acme-dev dev',
      'delete acme-prod prod',
    ]);
    const tree = { organizationalUnits: [], accounts: [], policies: [], pendingCreates: [] };
    const diff = (await planAccessDiff(plan, model, tree, undefined, model))!;
    expect(diff.grantLines).toEqual([
      'Ops (group) lose permission set Admin in prod: acme-prod only (1 of 2 accounts) [production]',
      'Ops (group) gain permission set Admin in dev: its one account (acme-dev)',
    ]);
    expect(renderAccessDiff(diff).split('\n').slice(1, 3)).toEqual([
      '  ! Ops (group) lose permission set Admin in prod: acme-prod only (1 of 2 accounts) [production]',
      '  + Ops (group) gain permission set Admin in dev: its one account (acme-dev)',
    ]);
  });
});
