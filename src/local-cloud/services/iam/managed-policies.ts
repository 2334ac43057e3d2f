import { AwsApiError, validationError } from '../../errors.js';
import { newIamUniqueId } from '../../ids.js';
import type { ManagedPolicyRecord } from './tables.js';
import type { Store } from '../../store/store.js';
import { paginateIam } from './paging.js';
import { qBool, qOpt, qReq, qTags, tagList } from '../query-input.js';
import type { HandlerContext } from '../registry.js';
import { awsManagedIamPolicy, AWS_MANAGED_IAM_POLICIES } from './aws-managed.js';
import {
  alreadyExists,
  checkPolicyDocument,
  deleteConflict,
  encodeDocument,
  findRole,
  limitExceeded,
  NAME_RE,
  noSuchEntity,
  readPath,
  readPolicyArn,
  readRoleName,
} from './common.js';
import { roleKey } from './provision.js';

/** AWS IAM: a managed policy document holds at most 6,144 characters (whitespace not counted). */
const MANAGED_POLICY_MAX = 6144;

/** A policy as IAM reports it: customer managed from the store, or one of the AWS managed ones. */
interface PolicyView {
  arn: string;
  name: string;
  policyId: string;
  path: string;
  description: string;
  defaultVersionId: string;
  createdAt: number;
  updatedAt: number;
  tags: Record<string, string>;
  versions: { versionId: string; document: string; createdAt: number }[];
}

const AWS_POLICY_DATE = Date.UTC(2015, 1, 6, 18, 39, 46);

function viewOf(p: ManagedPolicyRecord): PolicyView {
  return { ...p };
}

function findPolicy(store: Store, accountId: string, arn: string): PolicyView {
  const managed = awsManagedIamPolicy(arn);
  if (managed !== undefined) {
    return {
      ...managed,
      createdAt: AWS_POLICY_DATE,
      updatedAt: AWS_POLICY_DATE,
      tags: {},
      versions: [{ versionId: managed.defaultVersionId, document: managed.document, createdAt: AWS_POLICY_DATE }],
    };
  }
  const p = store.get('managedPolicies', arn);
  if (p === undefined || p.accountId !== accountId)
    throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return viewOf(p);
}

/** A managed policy the caller's account can attach (AWS managed or its own), or NoSuchEntity. */
export function requireAttachablePolicy(store: Store, accountId: string, arn: string): void {
  findPolicy(store, accountId, arn);
}

function attachmentCount(store: Store, accountId: string, arn: string): number {
  let n = 0;
  for (const r of store.values('roles')) if (r.accountId === accountId && r.attachedPolicyArns.includes(arn)) n++;
  return n;
}

function boundaryCount(store: Store, accountId: string, arn: string): number {
  let n = 0;
  for (const r of store.values('roles')) if (r.accountId === accountId && r.permissionsBoundaryArn === arn) n++;
  return n;
}

/** GetPolicy and CreatePolicy return Description and Tags; ListPolicies returns neither. */
function policyShape(store: Store, accountId: string, p: PolicyView, full: boolean): Record<string, unknown> {
  return {
    PolicyName: p.name,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: attachmentCount(store, accountId, p.arn),
    PermissionsBoundaryUsageCount: boundaryCount(store, accountId, p.arn),
    IsAttachable: true,
    Description: full && p.description !== '' ? p.description : undefined,
    CreateDate: new Date(p.createdAt),
    UpdateDate: new Date(p.updatedAt),
    Tags: full && Object.keys(p.tags).length > 0 ? tagList(p.tags) : undefined,
  };
}

const readArn = (input: Record<string, unknown>): string => readPolicyArn(input);

export function createPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const name = qReq(input, 'PolicyName', { min: 1, max: 128, pattern: NAME_RE });
  const path = readPath(input);
  const document = qReq(input, 'PolicyDocument', { min: 1, max: 131_072 });
  const description = qOpt(input, 'Description', { max: 1000 }) ?? '';
  const tags = qTags(input);
  checkPolicyDocument(document, MANAGED_POLICY_MAX, 'PolicySize', 'identity');
  const accountId = ctx.principal.accountId;
  const arn = `arn:aws:iam::${accountId}:policy${path}${name}`;
  for (const p of ctx.store.values('managedPolicies')) {
    if (p.accountId === accountId && p.name.toLowerCase() === name.toLowerCase())
      throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
  }
  let count = 0;
  for (const p of ctx.store.values('managedPolicies')) if (p.accountId === accountId) count++;
  if (count >= ctx.config.quotas.maxManagedPoliciesPerAccount)
    throw limitExceeded(
      `Cannot exceed quota for PoliciesPerAccount: ${ctx.config.quotas.maxManagedPoliciesPerAccount}`,
    );
  const policy: ManagedPolicyRecord = {
    accountId,
    arn,
    policyId: newIamUniqueId('ANPA'),
    name,
    path,
    description,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    defaultVersionId: 'v1',
    versions: [{ versionId: 'v1', document, createdAt: ctx.now }],
    nextVersion: 2,
    tags,
  };
  ctx.store.put('managedPolicies', arn, policy);
  return { Policy: policyShape(ctx.store, accountId, viewOf(policy), true) };
}

export function getPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return {
    Policy: policyShape(
      ctx.store,
      ctx.principal.accountId,
      findPolicy(ctx.store, ctx.principal.accountId, readArn(input)),
      true,
    ),
  };
}

export function getPolicyVersion(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const policy = findPolicy(ctx.store, ctx.principal.accountId, readArn(input));
  const versionId = qReq(input, 'VersionId', { pattern: /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/ });
  const v = policy.versions.find((x) => x.versionId === versionId);
  if (v === undefined)
    throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
  return {
    PolicyVersion: {
      Document: encodeDocument(v.document),
      VersionId: v.versionId,
      IsDefaultVersion: v.versionId === policy.defaultVersionId,
      CreateDate: new Date(v.createdAt),
    },
  };
}

/** ListPolicies `Scope` (`policyScopeType`). */
const SCOPES = ['All', 'AWS', 'Local'];

export function listPolicies(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const scope = qOpt(input, 'Scope') ?? 'All';
  if (!SCOPES.includes(scope))
    throw validationError(
      `1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [${SCOPES.join(', ')}]`,
    );
  const onlyAttached = qBool(input, 'OnlyAttached') ?? false;
  const prefix = qOpt(input, 'PathPrefix', { min: 1, max: 512 }) ?? '/';
  const accountId = ctx.principal.accountId;
  const views: PolicyView[] = [];
  if (scope !== 'Local') for (const m of AWS_MANAGED_IAM_POLICIES) views.push(findPolicy(ctx.store, accountId, m.arn));
  if (scope !== 'AWS')
    for (const p of ctx.store.values('managedPolicies')) if (p.accountId === accountId) views.push(viewOf(p));
  const filtered = views
    .filter((p) => p.path.startsWith(prefix) && (!onlyAttached || attachmentCount(ctx.store, accountId, p.arn) > 0))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, IsTruncated, Marker } = paginateIam(
    filtered,
    `ListPolicies/${accountId}/${scope}/${onlyAttached}/${prefix}`,
    input,
  );
  return { Policies: page.map((p) => policyShape(ctx.store, accountId, p, false)), IsTruncated, Marker };
}

export function deletePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const arn = readArn(input);
  const policy = findPolicy(ctx.store, ctx.principal.accountId, arn);
  if (awsManagedIamPolicy(arn) !== undefined)
    throw new AwsApiError('InvalidInput', `The policy ${arn} is an AWS managed policy and cannot be deleted.`);
  if (
    attachmentCount(ctx.store, ctx.principal.accountId, policy.arn) > 0 ||
    boundaryCount(ctx.store, ctx.principal.accountId, policy.arn) > 0
  ) {
    throw deleteConflict('Cannot delete a policy attached to entities.');
  }
  // AWS: every non-default version must be deleted before the policy.
  if (policy.versions.length > 1)
    throw deleteConflict(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
  ctx.store.delete('managedPolicies', policy.arn);
  return undefined;
}

export function attachRolePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const policy = findPolicy(ctx.store, ctx.principal.accountId, readArn(input));
  if (role.attachedPolicyArns.includes(policy.arn)) return undefined;
  if (role.attachedPolicyArns.length >= ctx.config.quotas.maxAttachedPoliciesPerRole) {
    throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${ctx.config.quotas.maxAttachedPoliciesPerRole}`);
  }
  ctx.store.put('roles', roleKey(role.accountId, role.name), {
    ...role,
    attachedPolicyArns: [...role.attachedPolicyArns, policy.arn],
  });
  return undefined;
}

export function detachRolePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const arn = readArn(input);
  if (!role.attachedPolicyArns.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
  ctx.store.put('roles', roleKey(role.accountId, role.name), {
    ...role,
    attachedPolicyArns: role.attachedPolicyArns.filter((a) => a !== arn),
  });
  return undefined;
}

export function listAttachedRolePolicies(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const role = findRole(ctx.store, ctx.principal.accountId, readRoleName(input));
  const prefix = qOpt(input, 'PathPrefix') ?? '/';
  const attached = role.attachedPolicyArns
    .map((arn) => ({
      PolicyName: arn.slice(arn.lastIndexOf('/') + 1),
      PolicyArn: arn,
      path: arn.slice(arn.indexOf(':policy') + 7, arn.lastIndexOf('/') + 1),
    }))
    .filter((p) => p.path.startsWith(prefix))
    .map(({ PolicyName, PolicyArn }) => ({ PolicyName, PolicyArn }));
  const { page, IsTruncated, Marker } = paginateIam(attached, `ListAttachedRolePolicies/${role.roleId}`, input);
  return { AttachedPolicies: page, IsTruncated, Marker };
}
