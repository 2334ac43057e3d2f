import type {
  AccessRequest,
  ContextValue,
  EvaluationOk,
  NamedPolicy,
  PolicyDocument,
  PolicySet,
  StatementRef,
} from '../../../access/index.js';
import { evaluate, isAllowed } from '../../../access/index.js';
import type { PolicyOrigin } from '../../authz/identity-policies.js';
import { buildCallerPolicies } from '../../authz/caller-policies.js';
import { AwsApiError } from '../../errors.js';
import { paginateIam } from './paging.js';
import { qOpt, qReq, qStringList } from '../query-input.js';
import type { HandlerContext } from '../registry.js';
import { noSuchEntity } from './common.js';
import { roleKey } from './provision.js';
import { userKey } from './users.js';

/**
 * IAM's policy simulator, answered by Bulkhead's evaluator (src/access/): one EvaluationResult per
 * action and resource, with the statements that decided, the context keys conditions wanted but did
 * not get, and — for a principal of a member account — whether its SCPs allow the action
 * (OrganizationsDecisionDetail), as in https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html.
 */
interface Subject {
  request: Pick<AccessRequest, 'principal' | 'context'>;
  set: PolicySet;
  origins: Map<string, PolicyOrigin>;
}

const invalidInput = (message: string): AwsApiError => new AwsApiError('InvalidInput', message, 400);

const ALLOW_ALL: NamedPolicy = {
  name: 'allow-all',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

function inputPolicies(
  input: Record<string, unknown>,
  member: 'PolicyInputList' | 'PermissionsBoundaryPolicyInputList',
  origins: Map<string, PolicyOrigin>,
): NamedPolicy[] {
  return (qStringList(input, member) ?? []).map((text, i) => {
    const name = `${member}.${i + 1}`;
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw invalidInput(`The policy ${name} is not valid JSON.`);
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document))
      throw invalidInput(`The policy ${name} is not a JSON object.`);
    origins.set(name, { id: name, source: 'none' });
    return { name, document: document as PolicyDocument };
  });
}

/** ContextEntries.member.N.{ContextKeyName, ContextKeyValues.member.M, ContextKeyType}: list types stay lists. */
function contextEntries(input: Record<string, unknown>): Record<string, ContextValue> {
  const raw = input.ContextEntries;
  // awsQuery sends an empty list as `ContextEntries=`.
  if (raw === undefined || raw === '') return {};
  if (!Array.isArray(raw)) throw invalidInput('Invalid value for parameter ContextEntries.');
  const out: Record<string, ContextValue> = {};
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) throw invalidInput('Invalid value for parameter ContextEntries.');
    const entry = item as Record<string, unknown>;
    const name = qReq(entry, 'ContextKeyName', { min: 5, max: 256 });
    const values = qStringList(entry, 'ContextKeyValues') ?? [];
    const type = qOpt(entry, 'ContextKeyType') ?? 'string';
    out[name] = type.endsWith('List') ? values : (values[0] ?? '');
  }
  return out;
}

function accountOfOwner(owner: string | undefined): string | undefined {
  if (owner === undefined) return undefined;
  const m = /^(?:arn:aws:iam::)?(\d{12})(?::root)?$/.exec(owner);
  if (m === null) throw invalidInput(`ResourceOwner ${owner} is not an account ARN.`);
  return m[1];
}

/** The role or user named by PolicySourceArn, in the caller's account, with everything that governs it. */
function principalSubject(input: Record<string, unknown>, ctx: HandlerContext): Subject {
  const arn = qReq(input, 'PolicySourceArn', { min: 20, max: 2048 });
  const m = /^arn:aws:iam::(\d{12}):(role|user)(\/(?:.*\/)?)?([\w+=,.@-]+)$/.exec(arn);
  if (m === null) throw invalidInput(`Invalid ARN: ${arn}. PolicySourceArn must name an IAM role or user.`);
  const [, accountId = '', kind, , name = ''] = m;
  if (accountId !== ctx.principal.accountId) throw noSuchEntity(`The ${kind ?? 'entity'} ${arn} cannot be found.`);
  if (kind === 'role') {
    const role = ctx.store.get('roles', roleKey(accountId, name));
    if (role === undefined) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    const roleArn = `arn:aws:iam::${accountId}:role${role.path}${role.name}`;
    const cp = buildCallerPolicies(ctx.store, accountId, roleArn, roleArn);
    return {
      request: { principal: cp.principal, context: { 'aws:PrincipalArn': roleArn } },
      set: cp.policySet,
      origins: cp.origins,
    };
  }
  const user = ctx.store.get('users', userKey(accountId, name));
  if (user === undefined) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  // Local users carry no policies: only SCPs and the simulation's input policies apply.
  const userArn = `arn:aws:iam::${accountId}:user${user.path}${user.name}`;
  const cp = buildCallerPolicies(ctx.store, accountId, userArn, undefined);
  return { request: { principal: cp.principal }, set: { ...cp.policySet, identityPolicies: [] }, origins: cp.origins };
}

function customSubject(input: Record<string, unknown>, ctx: HandlerContext): Subject {
  const caller = qOpt(input, 'CallerArn', { min: 1, max: 2048 });
  const accountId =
    caller === undefined
      ? ctx.principal.accountId
      : (/^arn:aws:iam::(\d{12}):/.exec(caller)?.[1] ?? ctx.principal.accountId);
  const principalArn = caller ?? `arn:aws:iam::${accountId}:user/simulated-caller`;
  // AWS: SimulateCustomPolicy evaluates only the policies given; SCPs are not part of it.
  return { request: { principal: { arn: principalArn, accountId } }, set: {}, origins: new Map() };
}

function statementsOf(
  refs: readonly StatementRef[],
  origins: ReadonlyMap<string, PolicyOrigin>,
): Record<string, unknown>[] {
  return refs
    .filter((r) => r.layer !== 'scp')
    .map((r) => {
      const origin = origins.get(r.policy);
      return {
        SourcePolicyId: origin?.id ?? r.policy,
        SourcePolicyType: r.layer === 'resource-policy' ? 'resource' : (origin?.source ?? 'none'),
      };
    });
}

function matchedRefs(result: EvaluationOk): StatementRef[] {
  if (result.decision === 'implicit-deny' || result.decidedBy === undefined) return [];
  return result.decision === 'allowed' ? [result.decidedBy, ...(result.alsoRequired ?? [])] : [result.decidedBy];
}

/** Context keys that conditions of otherwise matching statements looked for and did not find. */
function missingContext(result: EvaluationOk): string[] {
  const keys = new Set<string>();
  for (const t of result.trace ?? []) {
    if (!t.actionMatched || !t.resourceMatched) continue;
    for (const c of t.conditions) if (c.requestValues === undefined) keys.add(c.key);
  }
  return [...keys];
}

const DECISION = { allowed: 'allowed', 'explicit-deny': 'explicitDeny', 'implicit-deny': 'implicitDeny' } as const;

function simulate(input: Record<string, unknown>, ctx: HandlerContext, subject: Subject, operation: string): unknown {
  const actions = qStringList(input, 'ActionNames');
  if (actions === undefined || actions.length === 0) qReq(input, 'ActionNames');
  const resourceArns = qStringList(input, 'ResourceArns');
  const origins = subject.origins;
  const extra = inputPolicies(input, 'PolicyInputList', origins);
  const boundaries = inputPolicies(input, 'PermissionsBoundaryPolicyInputList', origins);
  const resourcePolicyText = qOpt(input, 'ResourcePolicy', { min: 1, max: 131_072 });
  const set: PolicySet = { ...subject.set, identityPolicies: [...(subject.set.identityPolicies ?? []), ...extra] };
  const boundary = boundaries[0] ?? subject.set.permissionBoundary;
  if (boundary !== undefined) set.permissionBoundary = boundary;
  if (resourcePolicyText !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(resourcePolicyText);
    } catch {
      throw invalidInput('The ResourcePolicy is not valid JSON.');
    }
    set.resourcePolicy = { name: 'ResourcePolicy', document: document as PolicyDocument };
    origins.set('ResourcePolicy', { id: 'ResourcePolicy', source: 'resource' });
  }
  const principal = subject.request.principal;
  const context = { ...subject.request.context, ...contextEntries(input) };
  const resourceAccount = accountOfOwner(qOpt(input, 'ResourceOwner')) ?? principal.accountId;
  const region = typeof context['aws:RequestedRegion'] === 'string' ? context['aws:RequestedRegion'] : undefined;
  const scpOnly: PolicySet | undefined =
    set.scpLevels === undefined ? undefined : { scpLevels: set.scpLevels, identityPolicies: [ALLOW_ALL] };
  const results: Record<string, unknown>[] = [];
  for (const action of actions ?? []) {
    for (const resource of resourceArns ?? ['*']) {
      const request: AccessRequest = { principal, action, resource, resourceAccount, context };
      if (region !== undefined) request.region = region;
      const result = evaluate(request, set, { explain: true });
      if (!result.ok) throw invalidInput(result.errors.map((e) => e.message).join('; '));
      const decision = DECISION[result.decision];
      const matched = statementsOf(matchedRefs(result), origins);
      const missing = missingContext(result);
      const sameAccount: AccessRequest = { ...request, resourceAccount: principal.accountId };
      results.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: decision,
        MatchedStatements: matched,
        MissingContextValues: missing,
        OrganizationsDecisionDetail:
          scpOnly === undefined ? undefined : { AllowedByOrganizations: isAllowed(sameAccount, scpOnly) },
        PermissionsBoundaryDecisionDetail:
          boundary === undefined
            ? undefined
            : { AllowedByPermissionsBoundary: isAllowed(sameAccount, { identityPolicies: [boundary] }) },
        ResourceSpecificResults:
          resourceArns === undefined
            ? undefined
            : [
                {
                  EvalResourceName: resource,
                  EvalResourceDecision: decision,
                  MatchedStatements: matched,
                  MissingContextValues: missing,
                },
              ],
      });
    }
  }
  const { page, IsTruncated, Marker } = paginateIam(results, `${operation}/${ctx.principal.accountId}`, input);
  return { EvaluationResults: page, IsTruncated, Marker };
}

export function simulatePrincipalPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return simulate(input, ctx, principalSubject(input, ctx), 'SimulatePrincipalPolicy');
}

export function simulateCustomPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  if (qStringList(input, 'PolicyInputList') === undefined) qReq(input, 'PolicyInputList');
  return simulate(input, ctx, customSubject(input, ctx), 'SimulateCustomPolicy');
}
