import type { AccessRequest, ContextValue, PolicySet } from '../../access/index.js';
import { evaluate, isAllowed } from '../../access/index.js';
import type { Principal } from '../auth/credentials.js';
import { AwsApiError } from '../errors.js';
import { roleKey } from '../services/iam/provision.js';
import type { ServiceDefinition } from '../services/registry.js';
import { NO_PERMISSION_REQUIRED } from '../services/registry.js';
import type { Store } from '../store/store.js';
import { callerPolicies } from './caller-policies.js';
import { denyMessage } from './deny-message.js';
import { organizationOf } from './scp-chain.js';
import { trustPolicyOf } from './trust-policy.js';

export interface AuthorizationCall {
  service: ServiceDefinition;
  operation: string;
  input: Record<string, unknown>;
  principal: Principal;
  store: Store;
  /** `aws:RequestedRegion`: the SigV4 scope's region, or us-east-1 for a global service. */
  region: string;
}

const ROLE_ARN_RE = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]{1,64})$/;

/**
 * True for the root user of a management or standalone account: it has every permission and no SCP
 * binds it, so no policy set is built (this is the local cloud's admin key, and keeps it fast).
 */
function unrestrictedRoot(store: Store, principal: Principal): boolean {
  if (principal.kind !== 'root') return false;
  const org = organizationOf(store, principal.accountId);
  return org === undefined || org.managementAccountId === principal.accountId;
}

/**
 * AssumeRole is decided by the caller's policies and the role's trust policy together, evaluated as
 * AWS does: the trust policy is the role's resource-based policy, so in the role's own account a trust
 * policy naming the caller (or its role) suffices, while across accounts the caller's identity
 * policies must allow sts:AssumeRole on the role as well.
 */
function assumeRoleRequest(
  request: AccessRequest,
  set: PolicySet,
  call: AuthorizationCall,
): { request: AccessRequest; set: PolicySet } {
  const m = ROLE_ARN_RE.exec(request.resource);
  if (m === null) return { request, set };
  const roleAccount = m[1] ?? '';
  const context: Record<string, ContextValue> = { ...request.context };
  const externalId = call.input.ExternalId;
  if (typeof externalId === 'string') context['sts:ExternalId'] = externalId;
  const out: AccessRequest = { ...request, resourceAccount: roleAccount, context };
  const role = call.store.get('roles', roleKey(roleAccount, m[2] ?? ''));
  if (role === undefined) return { request: out, set };
  return { request: out, set: { ...set, resourcePolicy: trustPolicyOf(role) } };
}

/** The action (`<signingName>:<Operation>`) and resource a call is authorized against; undefined when it needs no permission. */
export function actionAndResource(
  service: ServiceDefinition,
  operation: string,
  input: Record<string, unknown>,
  store: Store,
  accountId: string,
): { action: string; resource: string } | undefined {
  const op = Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
  if (op === undefined || op.resource === NO_PERMISSION_REQUIRED) return undefined;
  const action =
    op.action === undefined
      ? `${service.signingName}:${operation}`
      : typeof op.action === 'string'
        ? op.action
        : op.action(input);
  return { action, resource: op.resource(input, { store, accountId }) };
}

/**
 * Authorizes one call with Bulkhead's evaluator (src/access/): the SCPs over the caller's account,
 * its identity policies and permissions boundary, for `<service>:<Operation>` on the resource the
 * operation declares. Throws AWS's access denied error; returns when the call may proceed.
 */
export function authorize(call: AuthorizationCall): void {
  const { principal, store } = call;
  const owner = call.service.resourceOwner?.(call.operation, call.input, store);
  const crossAccount = owner !== undefined && owner.accountId !== principal.accountId;
  if (!crossAccount && unrestrictedRoot(store, principal)) return;
  const target = actionAndResource(call.service, call.operation, call.input, store, principal.accountId);
  if (target === undefined) return;
  const cp = callerPolicies(store, principal);
  let request: AccessRequest = {
    principal: cp.principal,
    action: target.action,
    resource: target.resource,
    // IAM resources are the caller's account's; Organizations resources are reached through its
    // organization. Neither needs a resource policy, so the request is evaluated as same-account.
    resourceAccount: principal.accountId,
    region: call.region,
  };
  if (cp.roleArn !== undefined) request.context = { 'aws:PrincipalArn': cp.roleArn };
  let set = cp.policySet;
  if (owner !== undefined) {
    // A resource with its own policy (an S3 bucket): AWS judges the request against the owner's account.
    request.resourceAccount = owner.accountId;
    if (owner.policy !== undefined) set = { ...set, resourcePolicy: owner.policy };
  }
  if (target.action === 'sts:AssumeRole') ({ request, set } = assumeRoleRequest(request, set, call));
  if (isAllowed(request, set)) return;
  const result = evaluate(request, set);
  if (call.service.accessDenied !== undefined) throw call.service.accessDenied();
  if (
    target.action === 'sts:AssumeRole' &&
    result.ok &&
    result.decision === 'implicit-deny' &&
    result.missingAllow?.layer === 'resource-policy'
  ) {
    // AWS's AssumeRole denial when the trust policy does not admit the caller names no policy type.
    throw new AwsApiError(
      'AccessDenied',
      `User: ${principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${target.resource}`,
      403,
    );
  }
  throw new AwsApiError(
    'AccessDenied',
    denyMessage(principal.arn, target.action, target.resource, result, cp.origins),
    403,
  );
}
