/**
 * The access matrix: every group × environment × action, as allowed / denied by a guardrail (SCP) / not granted.
 *
 * Bulk path: for a request that carries no resource policy, "allowed" is exactly "the SCP chain allows it (with
 * an identity that allows everything)" AND "the permission set allows it (without SCPs)": an explicit deny in
 * either half denies, and each half needs its allows. So each half is evaluated once per distinct combination of
 * policies — accounts with the same SCP chain share the SCP half, and every account shares the permission-set
 * half — with the fast path (`isAllowed`, no trace). When a policy reads account- or principal-specific keys
 * (aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalOrgPaths, policy variables, account ids in ARNs…) its
 * half is keyed by account or permission set too, so sharing never changes an answer. Explanations come from
 * `canQuery` on demand.
 */
import { sampleResource, type ActionInfo } from './action-info.js';
import { isAllowed } from './evaluate.js';
import { accountsOf, holdsIn, type AccessAccount, type AccessOrg } from './org-view.js';
import { guardrailSetFor, requestFor, ssoRoleName, type QueryInput } from './org-queries.js';
import type { PermissionSetResolver } from './permission-set-policies.js';
import { grantOf, type Grant } from './principals.js';
import type { NamedPolicy, PolicySet } from './types.js';

/** Per action: 0 no access at all (no permission set here), 1 allowed, 2 denied by a guardrail, 3 not granted. */
export const NO_ACCESS = 0;
export const ALLOWED = 1;
export const DENIED_BY_SCP = 2;
export const NOT_GRANTED = 3;

export type ActionStatusName = 'no-access' | 'allowed' | 'denied-by-scp' | 'not-granted';
export const STATUS_NAMES: readonly ActionStatusName[] = ['no-access', 'allowed', 'denied-by-scp', 'not-granted'];

export interface MatrixRow {
  group: string;
  environment: string;
  /** The permission sets the group holds here (ownerOnly grants marked with their user). */
  grants: Grant[];
  /** One status per action (same order as `actions`): the best over the environment's accounts. */
  statuses: Uint8Array;
}

export interface AccessMatrixData {
  region: string;
  actions: ActionInfo[];
  groups: string[];
  environments: string[];
  rows: MatrixRow[];
  /** Policy evaluations the bulk path ran (to show the sharing works). */
  evaluations: number;
}

const SENSITIVE_ACCOUNT = /aws:(Principal|Resource)(Account|OrgPaths)|\$\{|\b\d{12}\b/i;
const SENSITIVE_PRINCIPAL = /aws:(PrincipalArn|PrincipalTag|userid|username|SourceIdentity|PrincipalType)|\$\{/i;

const policyIds = new WeakMap<NamedPolicy, number>();
let nextPolicyId = 0;
const sensitivity = new WeakMap<NamedPolicy, { account: boolean; principal: boolean }>();

function idOf(p: NamedPolicy): number {
  let id = policyIds.get(p);
  if (id === undefined) policyIds.set(p, (id = nextPolicyId++));
  return id;
}

function sensitivityOf(policies: readonly NamedPolicy[]): { account: boolean; principal: boolean } {
  let account = false;
  let principal = false;
  for (const p of policies) {
    let s = sensitivity.get(p);
    if (s === undefined) {
      const text = JSON.stringify(p.document);
      sensitivity.set(p, (s = { account: SENSITIVE_ACCOUNT.test(text), principal: SENSITIVE_PRINCIPAL.test(text) }));
    }
    account ||= s.account;
    principal ||= s.principal;
  }
  return { account, principal };
}

function better(a: number, b: number): number {
  // allowed > denied by a guardrail > not granted > no access
  const rank = [0, 3, 2, 1];
  return rank[a]! >= rank[b]! ? a : b;
}

export function computeMatrix(
  org: AccessOrg,
  resolver: PermissionSetResolver,
  actions: readonly ActionInfo[],
  /** `regionOf`: the region each action is asked in (global services: us-east-1), else `region`. */
  options: { region: string; regionOf?: (action: ActionInfo) => string },
): AccessMatrixData {
  let evaluations = 0;
  const n = actions.length;
  const scpBits = new Map<string, Uint8Array>();
  const idBits = new Map<string, Uint8Array>();
  const inputs = actions.map((action): QueryInput => ({
    action,
    region: options.regionOf?.(action) ?? options.region,
  }));

  const bits = (account: AccessAccount, roleName: string, set: PolicySet): Uint8Array => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const input = inputs[i]!;
      const request = requestFor(
        org,
        account,
        roleName,
        'session',
        input,
        sampleResource(input.action, account.id, input.region),
      );
      out[i] = isAllowed(request, set) ? 1 : 0;
      evaluations++;
    }
    return out;
  };

  const scpFor = (account: AccessAccount, permissionSet: string): Uint8Array => {
    const all = account.scpLevels.flatMap((l) => l.policies);
    const s = sensitivityOf(all);
    const chain = account.isManagementAccount
      ? 'management'
      : account.scpLevels.map((l) => l.policies.map(idOf).join('+')).join('/');
    const key = `${chain}${s.account ? `@${account.id}` : ''}${s.principal ? `#${permissionSet}` : ''}`;
    let b = scpBits.get(key);
    if (b === undefined) scpBits.set(key, (b = bits(account, ssoRoleName(permissionSet), guardrailSetFor(account))));
    return b;
  };

  const identityFor = (account: AccessAccount, permissionSet: string): Uint8Array | undefined => {
    const ps = resolver.get(permissionSet);
    if (ps === undefined) return undefined;
    const policies =
      ps.permissionBoundary === undefined ? ps.identityPolicies : [...ps.identityPolicies, ps.permissionBoundary];
    const key = `${permissionSet}${sensitivityOf(policies).account ? `@${account.id}` : ''}`;
    let b = idBits.get(key);
    if (b === undefined) {
      const set: PolicySet = { identityPolicies: ps.identityPolicies };
      if (ps.permissionBoundary !== undefined) set.permissionBoundary = ps.permissionBoundary;
      idBits.set(key, (b = bits(account, ssoRoleName(permissionSet), set)));
    }
    return b;
  };

  const groups = [...org.identity.groups.keys()];
  const environments = [...org.environments.keys()];
  const byEnvironment = new Map(environments.map((e) => [e, accountsOf(org, e)]));
  const grantIndex = new Map<string, Grant[]>();
  for (const a of org.identity.assignments) {
    // Rows are groups: a permission set assigned to a user directly has no group row.
    if (a.group === undefined) continue;
    const key = `${a.group}\u0000${a.environment}`;
    grantIndex.set(key, [...(grantIndex.get(key) ?? []), grantOf(a)]);
  }
  const rows: MatrixRow[] = [];
  for (const group of groups) {
    for (const environment of environments) {
      const grants = grantIndex.get(`${group}\u0000${environment}`) ?? [];
      const statuses = new Uint8Array(n);
      if (grants.length > 0) {
        for (const account of byEnvironment.get(environment) ?? []) {
          const granted = new Uint8Array(n);
          for (const g of grants) {
            if (!holdsIn(g, account)) continue;
            const id = identityFor(account, g.permissionSet);
            if (id === undefined) continue;
            const scp = scpFor(account, g.permissionSet);
            for (let i = 0; i < n; i++) {
              if (id[i] === 1) granted[i] = scp[i] === 1 ? 2 : Math.max(granted[i]!, 1);
            }
          }
          for (let i = 0; i < n; i++) {
            const s = granted[i] === 2 ? ALLOWED : granted[i] === 1 ? DENIED_BY_SCP : NOT_GRANTED;
            statuses[i] = better(statuses[i]!, s);
          }
        }
      }
      rows.push({ group, environment, grants, statuses });
    }
  }
  return { region: options.region, actions: [...actions], groups, environments, rows, evaluations };
}

export interface MatrixCell {
  status: 'allowed' | 'partial' | 'denied-by-scp' | 'not-granted' | 'no-access';
  allowed: number;
  deniedByScp: number;
  notGranted: number;
  total: number;
}

export interface MatrixColumn {
  /** `s3 write`, or an action name when the matrix covers a handful of actions. */
  label: string;
  actionIndexes: number[];
}

/** Columns: one per action for up to `perActionLimit` actions, else one per service and action class. */
export function matrixColumns(data: AccessMatrixData, perActionLimit = 8): MatrixColumn[] {
  if (data.actions.length <= perActionLimit)
    return data.actions.map((a, i) => ({ label: a.action, actionIndexes: [i] }));
  const order = ['read', 'write', 'admin'];
  const byLabel = new Map<string, MatrixColumn>();
  data.actions.forEach((a, i) => {
    const label = `${a.service} ${a.actionClass}`;
    let c = byLabel.get(label);
    if (c === undefined) byLabel.set(label, (c = { label, actionIndexes: [] }));
    c.actionIndexes.push(i);
  });
  return [...byLabel.values()].sort((x, y) => {
    const [sx = '', cx = ''] = x.label.split(' ');
    const [sy = '', cy = ''] = y.label.split(' ');
    return sx.localeCompare(sy) || order.indexOf(cx) - order.indexOf(cy);
  });
}

export function matrixCell(row: MatrixRow, column: MatrixColumn): MatrixCell {
  let allowed = 0;
  let deniedByScp = 0;
  let notGranted = 0;
  let none = 0;
  for (const i of column.actionIndexes) {
    const s = row.statuses[i];
    if (s === ALLOWED) allowed++;
    else if (s === DENIED_BY_SCP) deniedByScp++;
    else if (s === NOT_GRANTED) notGranted++;
    else none++;
  }
  const total = column.actionIndexes.length;
  const status: MatrixCell['status'] =
    none === total
      ? 'no-access'
      : allowed === total
        ? 'allowed'
        : allowed > 0
          ? 'partial'
          : deniedByScp > 0
            ? 'denied-by-scp'
            : 'not-granted';
  return { status, allowed, deniedByScp, notGranted, total };
}
