import { typeError } from '../json-input.js';
import { iamMalformedMessage, refusedPolicyProblem } from '../policy-grammar.js';
import { awsManagedIamPolicy } from '../iam/aws-managed.js';
import type { HandlerContext } from '../registry.js';
import {
  conflict,
  MANAGED_POLICY_ARN_RE,
  notFound,
  optObject,
  optString,
  paginate,
  POLICY_NAME_RE,
  POLICY_PATH_RE,
  quotaExceeded,
  reqString,
  requireNoProvisioning,
  requirePermissionSet,
  savePermissionSet,
  validation,
} from './common.js';
import type { CustomerManagedPolicyRef, PermissionSetRecord } from './tables.js';

/** The model's PermissionSetPolicyDocument holds 32,768 characters; IAM's inline role policies 10,240 without whitespace. */
const INLINE_MAX = 32_768;
const INLINE_NON_WHITESPACE_MAX = 10_240;

function readManagedPolicyArn(input: Record<string, unknown>): string {
  const arn = reqString(input, 'ManagedPolicyArn', { min: 20, max: 2048, pattern: MANAGED_POLICY_ARN_RE });
  if (awsManagedIamPolicy(arn) === undefined) throw validation(`Policy ${arn} does not exist.`);
  return arn;
}

function readReference(input: Record<string, unknown>, name: string): CustomerManagedPolicyRef {
  const ref = optObject(input, name);
  if (ref === undefined) throw validation(`You must specify a value for ${name}.`);
  const policyName = reqString(ref, 'Name', { min: 1, max: 128, pattern: POLICY_NAME_RE });
  const path = optString(ref, 'Path', { min: 1, max: 512, pattern: POLICY_PATH_RE }) ?? '/';
  return { name: policyName, path };
}

const sameRef = (a: CustomerManagedPolicyRef, b: CustomerManagedPolicyRef): boolean =>
  a.name === b.name && a.path === b.path;

/** AWS: AWS managed and customer managed policies of a permission set count against one quota. */
function checkPolicyQuota(ps: PermissionSetRecord, ctx: HandlerContext): void {
  const max = ctx.config.quotas.maxManagedPoliciesPerPermissionSet;
  if (ps.managedPolicyArns.length + ps.customerManagedPolicies.length >= max)
    throw quotaExceeded(`You have exceeded the quota of ${max} managed policies attached to a permission set.`);
}

/** The permission set for a change: it exists and no provisioning of it is in progress. */
function forChange(input: Record<string, unknown>, ctx: HandlerContext): PermissionSetRecord {
  const { ps } = requirePermissionSet(input, ctx);
  requireNoProvisioning(ctx.store, ps.arn);
  return ps;
}

export function attachManagedPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const ps = forChange(input, ctx);
  const arn = readManagedPolicyArn(input);
  if (ps.managedPolicyArns.includes(arn))
    throw conflict(`Managed policy ${arn} is already attached to permission set ${ps.arn}.`);
  checkPolicyQuota(ps, ctx);
  savePermissionSet(ctx.store, { ...ps, managedPolicyArns: [...ps.managedPolicyArns, arn] });
  return {};
}

export function detachManagedPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const ps = forChange(input, ctx);
  const arn = reqString(input, 'ManagedPolicyArn', { min: 20, max: 2048, pattern: MANAGED_POLICY_ARN_RE });
  if (!ps.managedPolicyArns.includes(arn))
    throw notFound(`Managed policy ${arn} is not attached to permission set ${ps.arn}.`);
  savePermissionSet(ctx.store, { ...ps, managedPolicyArns: ps.managedPolicyArns.filter((a) => a !== arn) });
  return {};
}

export function listManagedPolicies(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { ps } = requirePermissionSet(input, ctx);
  const list = ps.managedPolicyArns.map((Arn) => ({ Arn, Name: Arn.slice(Arn.lastIndexOf('/') + 1) }));
  const { page, NextToken } = paginate(list, `ListManagedPoliciesInPermissionSet/${ps.arn}`, input);
  return { AttachedManagedPolicies: page, NextToken };
}

export function attachCustomerManagedPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const ps = forChange(input, ctx);
  const ref = readReference(input, 'CustomerManagedPolicyReference');
  if (ps.customerManagedPolicies.some((r) => sameRef(r, ref)))
    throw conflict(`Customer managed policy ${ref.path}${ref.name} is already attached to permission set ${ps.arn}.`);
  checkPolicyQuota(ps, ctx);
  savePermissionSet(ctx.store, { ...ps, customerManagedPolicies: [...ps.customerManagedPolicies, ref] });
  return {};
}

export function detachCustomerManagedPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const ps = forChange(input, ctx);
  const ref = readReference(input, 'CustomerManagedPolicyReference');
  if (!ps.customerManagedPolicies.some((r) => sameRef(r, ref)))
    throw notFound(`Customer managed policy ${ref.path}${ref.name} is not attached to permission set ${ps.arn}.`);
  savePermissionSet(ctx.store, {
    ...ps,
    customerManagedPolicies: ps.customerManagedPolicies.filter((r) => !sameRef(r, ref)),
  });
  return {};
}

export function listCustomerManagedPolicies(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { ps } = requirePermissionSet(input, ctx);
  const list = ps.customerManagedPolicies.map((r) => ({ Name: r.name, Path: r.path }));
  const { page, NextToken } = paginate(list, `ListCustomerManagedPolicyReferencesInPermissionSet/${ps.arn}`, input);
  return { CustomerManagedPolicyReferences: page, NextToken };
}

/** The inline policy must be IAM identity-policy grammar (what IAM would store as the role's inline policy). */
export function putInlinePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const ps = forChange(input, ctx);
  const doc = reqString(input, 'InlinePolicy', { min: 1, max: INLINE_MAX });
  if (doc.replace(/\s/g, '').length > INLINE_NON_WHITESPACE_MAX)
    throw quotaExceeded(`The inline policy exceeds ${INLINE_NON_WHITESPACE_MAX} characters (whitespace not counted).`);
  const problem = refusedPolicyProblem(doc, 'identity');
  if (problem !== undefined) throw validation(`The inline policy is not valid. ${iamMalformedMessage(problem)}`);
  savePermissionSet(ctx.store, { ...ps, inlinePolicy: doc });
  return {};
}

export function getInlinePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { ps } = requirePermissionSet(input, ctx);
  return { InlinePolicy: ps.inlinePolicy ?? '' };
}

export function deleteInlinePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const ps = forChange(input, ctx);
  const { inlinePolicy: _dropped, ...rest } = ps;
  savePermissionSet(ctx.store, rest);
  return {};
}

export function putPermissionsBoundary(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const ps = forChange(input, ctx);
  const boundary = optObject(input, 'PermissionsBoundary');
  if (boundary === undefined) throw validation('You must specify a value for PermissionsBoundary.');
  const hasArn = boundary.ManagedPolicyArn !== undefined && boundary.ManagedPolicyArn !== null;
  const hasRef =
    boundary.CustomerManagedPolicyReference !== undefined && boundary.CustomerManagedPolicyReference !== null;
  if (hasArn === hasRef)
    throw validation('Specify exactly one of ManagedPolicyArn and CustomerManagedPolicyReference.');
  if (hasArn && typeof boundary.ManagedPolicyArn !== 'string') throw typeError('ManagedPolicyArn', 'a string');
  const next = hasArn
    ? { managedPolicyArn: readManagedPolicyArn(boundary) }
    : { customerManagedPolicyReference: readReference(boundary, 'CustomerManagedPolicyReference') };
  savePermissionSet(ctx.store, { ...ps, boundary: next });
  return {};
}

export function getPermissionsBoundary(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const { ps } = requirePermissionSet(input, ctx);
  if (ps.boundary === undefined) throw notFound(`Permission set ${ps.arn} has no permissions boundary.`);
  const ref = ps.boundary.customerManagedPolicyReference;
  return {
    PermissionsBoundary: {
      ManagedPolicyArn: ps.boundary.managedPolicyArn,
      CustomerManagedPolicyReference: ref === undefined ? undefined : { Name: ref.name, Path: ref.path },
    },
  };
}

export function deletePermissionsBoundary(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const ps = forChange(input, ctx);
  if (ps.boundary === undefined) throw notFound(`Permission set ${ps.arn} has no permissions boundary.`);
  const { boundary: _dropped, ...rest } = ps;
  savePermissionSet(ctx.store, rest);
  return {};
}
