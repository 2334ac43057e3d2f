/**
 * `can` and `who-can` over an AccessOrg: for each account of an environment, the policy set of each way in
 * (SCP chain + the permission set's policies), evaluated with the full explanation.
 */
import type { ActionInfo } from './action-info.js';
import { sampleResource } from './action-info.js';
import { evaluate } from './evaluate.js';
import { accountsOf, holdsIn, type AccessAccount, type AccessOrg } from './org-view.js';
import type { PermissionSetResolver } from './permission-set-policies.js';
import { allPrincipals, grantsIn, ownerOnlyGrants, type Grant, type Principal } from './principals.js';
import type {
  AccessRequest,
  ContextValue,
  EvaluationOk,
  EvaluationResult,
  InputError,
  NamedPolicy,
  PolicySet,
} from './types.js';

export interface QueryInput {
  action: ActionInfo;
  /** A resource ARN; omitted: a representative ARN of the action's resource type in each account. */
  resource?: string;
  region: string;
  context?: Record<string, ContextValue>;
}

export interface GrantAnswer extends Grant {
  allowed: boolean;
  result: EvaluationOk;
  notes: string[];
}

export interface AccountAnswer {
  account: string;
  accountId: string;
  accountIdKnown: boolean;
  resource: string;
  allowed: boolean;
  grants: GrantAnswer[];
  /** With an allow-all identity: whether the guardrails (SCPs) alone would let the action through. */
  guardrails: EvaluationOk;
}

export interface CanAnswer {
  principal: Principal;
  environment: string;
  action: string;
  region: string;
  allowed: boolean;
  accounts: AccountAnswer[];
  /** ownerOnly grants a group has here, which go to one member only. */
  ownerOnly: Grant[];
}

const ALLOW_ALL: NamedPolicy = {
  name: '(any identity policy)',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

function hash16(text: string): string {
  let a = 2166136261;
  let b = 5381;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 16777619);
    b = Math.imul(b, 33) ^ text.charCodeAt(i);
  }
  return ((a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')).slice(0, 16);
}

/** The role IAM Identity Center creates for a permission set: `AWSReservedSSO_<name>_<16 hex>` (hash is ours in spec mode). */
export function ssoRoleName(permissionSet: string): string {
  return `AWSReservedSSO_${permissionSet}_${hash16(permissionSet)}`;
}

/**
 * The path IAM Identity Center gives the roles it creates: `/aws-reserved/sso.amazonaws.com/`, plus the instance's
 * region for instances outside us-east-1 (`/aws-reserved/sso.amazonaws.com/eu-west-1/`). Bulkhead's Identity Center
 * lives in the home region.
 */
export function ssoRolePath(identityCenterRegion: string): string {
  return `/aws-reserved/sso.amazonaws.com/${identityCenterRegion === 'us-east-1' ? '' : `${identityCenterRegion}/`}`;
}

export function requestFor(
  org: AccessOrg,
  account: AccessAccount,
  roleName: string,
  session: string,
  input: QueryInput,
  resource: string,
): AccessRequest {
  const request: AccessRequest = {
    principal: {
      arn: `arn:aws:sts::${account.id}:assumed-role/${roleName}/${session}`,
      accountId: account.id,
      ...(roleName.startsWith('AWSReservedSSO_')
        ? { roleArn: `arn:aws:iam::${account.id}:role${ssoRolePath(org.homeRegion)}${roleName}` }
        : {}),
      orgId: org.orgId,
      orgPaths: [account.orgPath],
      isManagementAccount: account.isManagementAccount,
    },
    action: input.action.action,
    resource,
    region: input.region,
  };
  if (input.context !== undefined && Object.keys(input.context).length > 0) request.context = input.context;
  return request;
}

/**
 * The resource a question is about in an account. An account without an id in the spec has a placeholder id,
 * so a resource ARN naming an account the organization does not know is taken to be in the asking account
 * (otherwise every such question would turn into a cross-account call).
 */
export function resourceFor(input: QueryInput, account: AccessAccount, org?: AccessOrg): string {
  if (input.resource === undefined) return sampleResource(input.action, account.id, input.region);
  if (account.idKnown || org === undefined) return input.resource;
  const m = /^(arn:[^:]+:[^:]+:[^:]*:)(\d{12}):/.exec(input.resource);
  if (m === null || org.accounts.some((a) => a.idKnown && a.id === m[2])) return input.resource;
  return `${m[1]}${account.id}:${input.resource.slice(m[0].length)}`;
}

const setCache = new WeakMap<AccessAccount, Map<string, PolicySet>>();

/** The policy set of a permission set's role in an account (cached: the evaluator compiles each set once). */
export function policySetFor(
  account: AccessAccount,
  permissionSet: string,
  resolver: PermissionSetResolver,
): PolicySet | undefined {
  let perAccount = setCache.get(account);
  if (perAccount === undefined) setCache.set(account, (perAccount = new Map()));
  const hit = perAccount.get(permissionSet);
  if (hit !== undefined) return hit;
  const ps = resolver.get(permissionSet);
  if (ps === undefined) return undefined;
  const set: PolicySet = { scpLevels: account.scpLevels, identityPolicies: ps.identityPolicies };
  if (ps.permissionBoundary !== undefined) set.permissionBoundary = ps.permissionBoundary;
  perAccount.set(permissionSet, set);
  return set;
}

const guardrailCache = new WeakMap<AccessAccount, PolicySet>();

/** The account's SCP chain with an identity that allows everything: what the guardrails alone permit. */
export function guardrailSetFor(account: AccessAccount): PolicySet {
  let set = guardrailCache.get(account);
  if (set === undefined)
    guardrailCache.set(account, (set = { scpLevels: account.scpLevels, identityPolicies: [ALLOW_ALL] }));
  return set;
}

export class QueryError extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

function ok(result: EvaluationResult): EvaluationOk {
  if (!result.ok) throw new QueryError(result.errors);
  return result;
}

function sessionOf(principal: Principal, grant: Grant): string {
  if (grant.user !== undefined) return grant.user;
  return principal.kind === 'user'
    ? principal.name
    : principal.kind === 'group'
      ? `member-of-${principal.name}`
      : 'session';
}

/** Answers "can this principal do this in this environment?", per account, each way in explained. Throws QueryError for bad input. */
export function canQuery(
  org: AccessOrg,
  resolver: PermissionSetResolver,
  principal: Principal,
  environment: string,
  input: QueryInput,
): CanAnswer {
  const grants = grantsIn(org, principal, environment);
  const accounts: AccountAnswer[] = [];
  for (const account of accountsOf(org, environment)) {
    const resource = resourceFor(input, account, org);
    const guardrails = ok(
      evaluate(requestFor(org, account, 'AnyRole', 'session', input, resource), guardrailSetFor(account), {
        explain: true,
      }),
    );
    const answers: GrantAnswer[] = [];
    for (const grant of grants) {
      if (!holdsIn(grant, account)) continue;
      const set = policySetFor(account, grant.permissionSet, resolver);
      if (set === undefined) continue;
      const request = requestFor(
        org,
        account,
        ssoRoleName(grant.permissionSet),
        sessionOf(principal, grant),
        input,
        resource,
      );
      const result = ok(evaluate(request, set, { explain: true }));
      answers.push({
        ...grant,
        allowed: result.decision === 'allowed',
        result,
        notes: resolver.get(grant.permissionSet)?.notes ?? [],
      });
    }
    accounts.push({
      account: account.name,
      accountId: account.id,
      accountIdKnown: account.idKnown,
      resource,
      allowed: answers.some((a) => a.allowed),
      grants: answers,
      guardrails,
    });
  }
  return {
    principal,
    environment,
    action: input.action.action,
    region: input.region,
    allowed: accounts.length > 0 && accounts.some((a) => a.allowed),
    accounts,
    ownerOnly: principal.kind === 'group' ? ownerOnlyGrants(org, principal.name, environment) : [],
  };
}

export interface WhoCanEntry {
  principal: Principal;
  environment: string;
  account: string;
  /** The group the way in goes through; absent for a permission set assigned to the user directly. */
  group?: string;
  permissionSet: string;
  ownerOnly?: string;
  decision: EvaluationOk['decision'];
  /** For a grant the guardrails block: the SCP statement or level that does. */
  blockedBy?: EvaluationOk;
}

export interface WhoCanAnswer {
  action: string;
  region: string;
  environments: string[];
  /** Every principal and way in that is allowed. */
  allowed: WhoCanEntry[];
  /** Ways in whose permission set grants the action but a guardrail (SCP) denies it. */
  blocked: WhoCanEntry[];
}

/** Every group and user, and the permission set through which they can do the action (per environment and account). */
export function whoCanQuery(
  org: AccessOrg,
  resolver: PermissionSetResolver,
  environments: readonly string[],
  input: QueryInput,
): WhoCanAnswer {
  const allowed: WhoCanEntry[] = [];
  const blocked: WhoCanEntry[] = [];
  for (const environment of environments) {
    for (const principal of allPrincipals(org)) {
      const grants = grantsIn(org, principal, environment);
      if (principal.kind === 'group') grants.push(...ownerOnlyGrants(org, principal.name, environment));
      for (const account of accountsOf(org, environment)) {
        const resource = resourceFor(input, account, org);
        for (const grant of grants) {
          if (!holdsIn(grant, account)) continue;
          const set = policySetFor(account, grant.permissionSet, resolver);
          if (set === undefined) continue;
          const request = requestFor(
            org,
            account,
            ssoRoleName(grant.permissionSet),
            sessionOf(principal, grant),
            input,
            resource,
          );
          const result = ok(evaluate(request, set));
          const entry: WhoCanEntry = {
            principal,
            environment,
            account: account.name,
            permissionSet: grant.permissionSet,
            decision: result.decision,
          };
          if (grant.group !== undefined) entry.group = grant.group;
          if (grant.user !== undefined && grant.group !== undefined) entry.ownerOnly = grant.user;
          if (result.decision === 'allowed') {
            allowed.push(entry);
            continue;
          }
          // Granted by the permission set but stopped by a guardrail?
          const identityOnly: PolicySet = { ...set, scpLevels: [] };
          const withoutScps = ok(evaluate(request, identityOnly));
          if (withoutScps.decision === 'allowed') blocked.push({ ...entry, blockedBy: result });
        }
      }
    }
  }
  return { action: input.action.action, region: input.region, environments: [...environments], allowed, blocked };
}

/**
 * The SCP an AccessDenied message names by ARN (`arn:aws:organizations::…:policy/o-…/service_control_policy/p-…`),
 * among the policies on the account's path; only SCPs read from the live organization carry their ARN.
 */
export function scpByArn(account: AccessAccount, arn: string): { name: string; target: string } | undefined {
  const id = /\/(p-[a-z0-9_]+)$/.exec(arn)?.[1];
  for (const level of account.scpLevels)
    for (const p of level.policies)
      if (p.arn === arn || (id !== undefined && p.arn?.endsWith(`/${id}`)))
        return { name: p.name, target: level.target };
  return undefined;
}
