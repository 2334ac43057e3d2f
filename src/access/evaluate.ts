/**
 * The decision procedure, in AWS's documented order
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html):
 * explicit Deny anywhere → SCPs (every level root → OU → account must allow; management account and
 * service-linked roles are exempt) → resource policy → identity policies → permission boundary → session policies.
 *
 * Same account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html):
 * an Allow in either the identity policies or the resource policy is enough. A resource-policy Allow that names
 * the caller's own ARN (user, session) or `*` is not limited by an implicit deny in the boundary or session
 * policies; one that names the role ARN behind a session is; one that names the account only delegates to the
 * identity policies.
 * Cross account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html):
 * both the resource policy (any principal match, including the account) and the caller's identity side must allow.
 */
import type { CompiledPolicy } from './compile-policy.js';
import { principalInfoOf, RequestContext, resourceAccountOf } from './context-keys.js';
import { compilePolicySet, type CompiledPolicySet } from './policy-set.js';
import { scanLayer, type LayerOutcome, type RequestEnv } from './scan-layer.js';
import type {
  AccessRequest,
  EvaluateOptions,
  EvaluationOk,
  EvaluationResult,
  Layer,
  MissingAllow,
  PolicySet,
  StatementRef,
  StatementTrace,
} from './types.js';
import { validateRequest } from './validate.js';

interface Outcomes {
  scp: Array<{ target: string; outcome: LayerOutcome }>;
  resource?: LayerOutcome;
  identity: LayerOutcome;
  boundary?: LayerOutcome;
  session?: LayerOutcome;
}

function describeTarget(request: AccessRequest): string {
  return request.resource === '*' ? request.action : `${request.action} on ${request.resource}`;
}

function scpApplies(request: AccessRequest): boolean {
  // AWS: SCPs do not affect the management account, nor service-linked roles; they govern IAM users and roles
  // of member accounts, so a service principal calling on its own behalf is not subject to them either.
  return (
    request.principal.isManagementAccount !== true &&
    request.principal.isServiceLinkedRole !== true &&
    principalInfoOf(request).kind !== 'service'
  );
}

/** Scans every layer; without a trace, returns at the first explicit Deny. */
function scanAll(
  set: CompiledPolicySet,
  request: AccessRequest,
  env: RequestEnv,
  trace: StatementTrace[] | undefined,
): { outcomes: Outcomes; deny?: StatementRef } {
  const outcomes: Outcomes = { scp: [], identity: { allowKind: 'none' } };
  let deny: StatementRef | undefined;
  const note = (o: LayerOutcome): boolean => {
    if (o.deny !== undefined && deny === undefined) deny = o.deny;
    return deny !== undefined && trace === undefined;
  };
  if (scpApplies(request)) {
    for (const level of set.scpLevels) {
      const outcome = scanLayer(level.policies, 'scp', level.target, env, trace);
      outcomes.scp.push({ target: level.target, outcome });
      if (note(outcome)) return { outcomes, deny };
    }
  }
  const layer = (policies: readonly CompiledPolicy[], name: Layer): LayerOutcome =>
    scanLayer(policies, name, undefined, env, trace);
  if (set.resource !== undefined) {
    outcomes.resource = layer([set.resource], 'resource-policy');
    if (note(outcomes.resource)) return { outcomes, deny };
  }
  outcomes.identity = layer(set.identity, 'identity');
  if (note(outcomes.identity)) return { outcomes, deny };
  if (set.boundary !== undefined) {
    outcomes.boundary = layer([set.boundary], 'permission-boundary');
    if (note(outcomes.boundary)) return { outcomes, deny };
  }
  if (set.session !== undefined) {
    outcomes.session = layer(set.session, 'session-policy');
    if (note(outcomes.session)) return { outcomes, deny };
  }
  return deny === undefined ? { outcomes } : { outcomes, deny };
}

function decide(
  set: CompiledPolicySet,
  request: AccessRequest,
  outcomes: Outcomes,
): Omit<EvaluationOk, 'ok' | 'trace'> {
  const what = describeTarget(request);
  const scpAllows: StatementRef[] = [];
  for (const { target, outcome } of outcomes.scp) {
    if (outcome.allow === undefined) {
      return {
        decision: 'implicit-deny',
        missingAllow: { layer: 'scp', target, message: `no SCP at ${target} allows ${what}` },
      };
    }
    scpAllows.push(outcome.allow);
  }
  const info = principalInfoOf(request);
  const rp = outcomes.resource;
  const identity = outcomes.identity;
  // AWS: the account root user has full access within its account; only SCPs and explicit denies limit it.
  const identityAllows = identity.allow !== undefined || info.kind === 'root';
  const boundaryOk = outcomes.boundary === undefined || outcomes.boundary.allow !== undefined;
  const sessionOk = outcomes.session === undefined || outcomes.session.allow !== undefined;
  const sameAccount = request.principal.accountId === resourceAccountOf(request);
  const limits = [outcomes.boundary?.allow, outcomes.session?.allow].filter((r): r is StatementRef => r !== undefined);

  const allowed = (decidedBy: StatementRef | undefined, others: StatementRef[]): Omit<EvaluationOk, 'ok' | 'trace'> => {
    const result: Omit<EvaluationOk, 'ok' | 'trace'> = { decision: 'allowed', alsoRequired: [...scpAllows, ...others] };
    if (decidedBy !== undefined) result.decidedBy = decidedBy;
    return result;
  };
  const missing = (m: MissingAllow): Omit<EvaluationOk, 'ok' | 'trace'> => ({
    decision: 'implicit-deny',
    missingAllow: m,
  });
  const boundaryMissing = (): MissingAllow => ({
    layer: 'permission-boundary',
    message: `the permission boundary ${set.boundary?.name ?? ''} does not allow ${what}`,
  });
  const sessionMissing = (): MissingAllow => ({ layer: 'session-policy', message: `no session policy allows ${what}` });

  if (sameAccount) {
    if (rp?.allow !== undefined && rp.allowKind === 'direct') return allowed(rp.allow, []);
    const rpRoleGrant = rp?.allow !== undefined && rp.allowKind === 'role';
    if (rpRoleGrant && boundaryOk && sessionOk) return allowed(rp.allow, limits);
    if (identityAllows && boundaryOk && sessionOk) return allowed(identity.allow, limits);
    if (!identityAllows && !rpRoleGrant) {
      const viaRp =
        set.resource === undefined
          ? ''
          : ` and the resource policy ${set.resource.name} does not grant it to this caller`;
      return missing({ layer: 'identity', message: `no identity policy allows ${what}${viaRp}` });
    }
    return missing(boundaryOk ? sessionMissing() : boundaryMissing());
  }
  if (rp?.allow === undefined) {
    const why =
      set.resource === undefined
        ? 'there is no resource policy to allow'
        : `the resource policy ${set.resource.name} does not allow`;
    return missing({
      layer: 'resource-policy',
      message: `cross-account request from ${request.principal.accountId} to ${resourceAccountOf(request)}: ${why} ${what}`,
    });
  }
  if (!identityAllows)
    return missing({
      layer: 'identity',
      message: `no identity policy allows ${what} (cross-account calls need both sides)`,
    });
  if (!boundaryOk) return missing(boundaryMissing());
  if (!sessionOk) return missing(sessionMissing());
  return allowed(identity.allow, [rp.allow, ...limits]);
}

function envFor(request: AccessRequest, set: CompiledPolicySet): RequestEnv {
  return {
    actionLower: request.action.toLowerCase(),
    resource: request.resource,
    ctx: new RequestContext(request),
    caller: { arn: request.principal.arn, info: principalInfoOf(request) },
    hasBoundary: set.boundary !== undefined,
  };
}

/** Full evaluation with input checks; `{ explain: true }` adds the per-statement trace. */
export function evaluate(
  request: AccessRequest,
  policySet: PolicySet,
  options: EvaluateOptions = {},
): EvaluationResult {
  const requestErrors = validateRequest(request);
  const set = compilePolicySet(policySet);
  if (requestErrors.length > 0 || set.errors.length > 0)
    return { ok: false, errors: [...requestErrors, ...set.errors] };
  const trace: StatementTrace[] | undefined = options.explain === true ? [] : undefined;
  const { outcomes, deny } = scanAll(set, request, envFor(request, set), trace);
  const result: EvaluationOk =
    deny !== undefined
      ? { ok: true, decision: 'explicit-deny', decidedBy: deny }
      : { ok: true, ...decide(set, request, outcomes) };
  if (trace !== undefined) result.trace = trace;
  return result;
}

/**
 * The fast path for bulk queries: no trace, no request checks. Fails closed: policies with errors deny.
 * Validate unusual input with `evaluate` first.
 */
export function isAllowed(request: AccessRequest, policySet: PolicySet): boolean {
  const set = compilePolicySet(policySet);
  if (set.errors.length > 0) return false;
  const { outcomes, deny } = scanAll(set, request, envFor(request, set), undefined);
  if (deny !== undefined) return false;
  return decide(set, request, outcomes).decision === 'allowed';
}
