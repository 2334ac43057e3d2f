import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { stateOfTree, type ObservedState } from '../../src/model/observed.js';
import type { OrgModel } from '../../src/model/organization.js';
import { diff } from '../../src/plan/diff.js';
import { renderChanges } from '../../src/plan/render.js';
import { writeIdentitySpec, type IdentitySpecOptions } from '../support/e2e/identity-spec.js';
import { identityAfterApplying, observedAfterApplying } from '../support/simulate-observed.js';

const dir = mkdtempSync(join(tmpdir(), 'bulkhead-identity-plan-'));

async function model(options: IdentitySpecOptions = {}, edit: (text: string) => string = (t) => t): Promise<OrgModel> {
  const file = join(dir, `org-${Math.random().toString(36).slice(2)}.yaml`);
  writeIdentitySpec(file, options);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  const r = await validateSpecFile(file);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.model!;
}

/** The organization and Identity Center right after applying `m`. */
function applied(m: OrgModel): ObservedState {
  const tree = observedAfterApplying(m);
  return { ...stateOfTree(tree), ...identityAfterApplying(m, tree) };
}

const summary = (state: ObservedState, m: OrgModel) =>
  diff(m, state).changes.map((c) => `${c.action} ${c.kind} ${c.key}${c.destructive ? ' !!' : ''}`);

describe('identity planners', () => {
  it('plan nothing for a spec as applied', async () => {
    const m = await model();
    expect(summary(applied(m), m)).toEqual([]);
  });

  it('leave Identity Center alone when the spec has no identity', async () => {
    const m = await model();
    const state = applied(m);
    const none = {
      ...m,
      identity: { ...m.identity, users: new Map(), groups: new Map(), permissionSets: new Map(), assignments: [] },
    };
    expect(summary(state, none)).toEqual([]);
  });

  it('update a permission set part by part, with the policy diff and a re-provision to every account that has it', async () => {
    const before = await model();
    const after = await model({ inlineAction: 's3:GetObject' }, (t) =>
      t.replace('sessionDuration: PT8H', 'sessionDuration: PT4H'),
    );
    const { changes } = diff(after, applied(before));
    expect(changes.map((c) => c.id)).toEqual(['update-permission-set:Developer']);
    const change = changes[0]!;
    expect(change.payload).toMatchObject({
      action: 'update',
      delta: {
        settings: true,
        inline: 'put',
        boundary: 'keep',
        attachManaged: [],
        detachManaged: [],
        reprovision: true,
      },
    });
    const text = renderChanges(changes).join('\n');
    expect(text).toContain('sessionDuration: PT8H → PT4H');
    expect(text).toMatch(/- +"s3:ListAllMyBuckets"/);
    expect(text).toMatch(/\+ +"s3:GetObject"/);
    // Developers/Developer in both dev accounts and alice's sandbox.
    expect(text).toContain('re-provision: 3 accounts');
  });

  it('match an AWS managed policy named without its path to the one AWS has under a path', async () => {
    const m = await model({ developerManaged: ['ViewOnlyAccess'] });
    const state = applied(m);
    state['permission-set'].find((p) => p.name === 'Developer')!.managedPolicies = ['job-function/ViewOnlyAccess'];
    expect(summary(state, m)).toEqual([]);
    const arn = await model({ developerManaged: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'] });
    expect(summary(state, arn)).toEqual([]);
    const other = await model({ developerManaged: ['ReadOnlyAccess'] });
    const change = diff(other, state).changes[0]!;
    expect(change.payload).toMatchObject({
      delta: { attachManaged: ['ReadOnlyAccess'], detachManaged: ['job-function/ViewOnlyAccess'] },
    });
  });

  it('make losing access in production destructive, elsewhere not', async () => {
    const before = await model();
    const after = await model({ prodReadOnly: false }, (t) => t.replace('    Auditors:\n      dev: Auditor\n', ''));
    expect(summary(applied(before), after).sort()).toEqual([
      'delete account-assignment aws+acme-dev-1@example.com/GROUP:Auditors/Auditor',
      'delete account-assignment aws+acme-dev-2@example.com/GROUP:Auditors/Auditor',
      'delete account-assignment aws+prod@example.com/GROUP:Developers/ReadOnly !!',
    ]);
  });

  it('delete a provisioned permission set after its assignments, as destructive', async () => {
    const before = await model();
    const after = await model({}, (t) =>
      t
        .replace('    - name: Auditor\n      managedPolicies: [SecurityAudit]\n', '')
        .replace('    Auditors:\n      dev: Auditor\n', ''),
    );
    const { changes } = diff(after, applied(before));
    const del = changes.find((c) => c.kind === 'permission-set')!;
    expect(del).toMatchObject({ action: 'delete', key: 'Auditor', destructive: true });
    expect(del.dependsOn.sort()).toEqual(
      changes
        .filter((c) => c.kind === 'account-assignment')
        .map((c) => c.id)
        .sort(),
    );
    expect(del.dependsOn.length).toBe(2);
  });

  it('keep the assignments of an account being closed, unless their permission set goes (found by the plan law)', async () => {
    const before = await model();
    const closing = (t: string) =>
      t.replace('environment: sandbox-alice\n', 'environment: sandbox-alice\n    lifecycle: close\n');
    const closed = await model({}, closing);
    expect(summary(applied(before), closed)).toEqual(['close account aws+sandbox-alice@example.com !!']);
    const alsoDropped = await model({}, (t) =>
      closing(t)
        .replace('      kind:sandbox: { permissionSet: Developer, ownerOnly: true }\n', '')
        .replace('      dev: Developer\n', '')
        .replace(/ {4}- name: Developer\n[\s\S]*?Resource: "\*"\n/, ''),
    );
    const { changes } = diff(alsoDropped, applied(before));
    const del = changes.find((c) => c.kind === 'permission-set' && c.action === 'delete')!;
    expect(del.dependsOn).toContain('delete-assignment:aws+sandbox-alice@example.com/USER:alice/Developer');
  });

  it('delete a user the spec dropped after its memberships, as destructive', async () => {
    const before = await model();
    const after = await model({}, (t) =>
      t
        .replace('    - userName: bob\n      email: bob@example.com\n', '')
        .replace('[alice, bob]', '[alice]')
        .replace('members: [bob]', 'members: []'),
    );
    const { changes } = diff(after, applied(before));
    expect(changes.map((c) => `${c.action} ${c.kind} ${c.key}`).sort()).toEqual([
      'delete sso-group-membership Auditors/bob',
      'delete sso-group-membership Developers/bob',
      'delete sso-user bob',
    ]);
    const user = changes.find((c) => c.kind === 'sso-user')!;
    expect(user.destructive).toBe(true);
    expect(user.dependsOn.sort()).toEqual(['delete-membership:Auditors/bob', 'delete-membership:Developers/bob']);
  });

  it('resume an operation left IN_PROGRESS, and re-plan a FAILED one with its reason', async () => {
    const m = await model();
    const state = applied(m);
    const [running, failed] = state['account-assignment'].splice(0, 2);
    state.pending.assignments.push(
      { requestId: 'r-running', operation: 'create', status: 'IN_PROGRESS', ...opOf(running!) },
      {
        requestId: 'r-failed',
        operation: 'create',
        status: 'FAILED',
        failureReason: 'Policy X does not exist',
        ...opOf(failed!),
      },
    );
    const { changes } = diff(m, state);
    expect(changes.map((c) => (c.payload as { pendingRequestId?: string }).pendingRequestId)).toEqual([
      'r-running',
      undefined,
    ]);
    expect(changes[1]!.properties).toContainEqual({ name: 'last attempt failed', after: 'Policy X does not exist' });
  });

  it('with an external IdP, plan no users, groups or memberships and resolve principals by name', async () => {
    const before = await model();
    const external = await model({}, (t) => t.replace('identity:\n', 'identity:\n  source: external\n'));
    const state = applied(before);
    state['sso-user'] = state['sso-user'].filter((u) => u.userName !== 'bob');
    state['sso-group-membership'] = [];
    const { changes, problems } = diff(external, state);
    expect(changes).toEqual([]);
    expect(problems).toEqual([]);
    state['sso-group'] = state['sso-group'].filter((g) => g.name !== 'Auditors');
    state['account-assignment'] = state['account-assignment'].filter((a) => a.principalName !== 'Auditors');
    const second = diff(external, state);
    expect(second.changes).toEqual([]);
    expect(second.problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'P-IDP-PRINCIPAL-UNKNOWN', key: 'Auditors' }),
    ]);
    expect(second.problems[0]!.hint).toMatch(/IdP \(SCIM\) must provision the group "Auditors"/);
  });
});

function opOf(a: ObservedState['account-assignment'][number]) {
  return {
    accountId: a.accountId,
    permissionSetArn: a.permissionSetArn,
    principalType: a.principalType,
    principalId: a.principalId,
  };
}
