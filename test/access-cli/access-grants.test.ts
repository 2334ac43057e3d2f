import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgModel } from '../../src/model/organization.js';
import { renderAccessDiff } from '../../src/toolkit/access-diff.js';
import { describeGrantChange, grantChanges, type AssignmentChangeNames } from '../../src/toolkit/access-grants.js';
import { loadModel } from '../../src/toolkit/access-source.js';

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
