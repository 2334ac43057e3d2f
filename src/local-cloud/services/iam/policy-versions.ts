import { AwsApiError } from '../../errors.js';
import type { ManagedPolicyRecord } from './tables.js';
import { paginateIam } from './paging.js';
import { qBool, qReq } from '../query-input.js';
import type { HandlerContext } from '../registry.js';
import { checkPolicyDocument, deleteConflict, limitExceeded, noSuchEntity, readPolicyArn } from './common.js';

/** AWS IAM: a customer managed policy keeps at most 5 versions; documents hold 6,144 characters excluding whitespace. */
const MAX_VERSIONS = 5;
const MANAGED_POLICY_MAX = 6144;
const VERSION_RE = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/;

function customerPolicy(input: Record<string, unknown>, ctx: HandlerContext): ManagedPolicyRecord {
  const arn = readPolicyArn(input);
  if (arn.startsWith('arn:aws:iam::aws:policy/'))
    throw new AwsApiError(
      'InvalidInput',
      `The policy ${arn} is an AWS managed policy; its versions cannot be changed.`,
    );
  const p = ctx.store.get('managedPolicies', arn);
  if (p === undefined || p.accountId !== ctx.principal.accountId)
    throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return p;
}

export function createPolicyVersion(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const policy = customerPolicy(input, ctx);
  const document = qReq(input, 'PolicyDocument', { min: 1, max: 131_072 });
  const setAsDefault = qBool(input, 'SetAsDefault') ?? false;
  checkPolicyDocument(document, MANAGED_POLICY_MAX, 'PolicySize', 'identity');
  if (policy.versions.length >= MAX_VERSIONS)
    throw limitExceeded(
      `A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
    );
  const versionId = `v${policy.nextVersion}`;
  const updated: ManagedPolicyRecord = {
    ...policy,
    versions: [...policy.versions, { versionId, document, createdAt: ctx.now }],
    nextVersion: policy.nextVersion + 1,
    defaultVersionId: setAsDefault ? versionId : policy.defaultVersionId,
    updatedAt: ctx.now,
  };
  ctx.store.put('managedPolicies', policy.arn, updated);
  return { PolicyVersion: { VersionId: versionId, IsDefaultVersion: setAsDefault, CreateDate: new Date(ctx.now) } };
}

export function setDefaultPolicyVersion(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const policy = customerPolicy(input, ctx);
  const versionId = qReq(input, 'VersionId', { pattern: VERSION_RE });
  if (!policy.versions.some((v) => v.versionId === versionId))
    throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
  ctx.store.put('managedPolicies', policy.arn, { ...policy, defaultVersionId: versionId, updatedAt: ctx.now });
  return undefined;
}

export function deletePolicyVersion(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const policy = customerPolicy(input, ctx);
  const versionId = qReq(input, 'VersionId', { pattern: VERSION_RE });
  if (!policy.versions.some((v) => v.versionId === versionId))
    throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
  if (versionId === policy.defaultVersionId) throw deleteConflict('Cannot delete the default version of a policy.');
  ctx.store.put('managedPolicies', policy.arn, {
    ...policy,
    versions: policy.versions.filter((v) => v.versionId !== versionId),
  });
  return undefined;
}

export function listPolicyVersions(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const policy = customerPolicy(input, ctx);
  const versions = [...policy.versions].reverse().map((v) => ({
    VersionId: v.versionId,
    IsDefaultVersion: v.versionId === policy.defaultVersionId,
    CreateDate: new Date(v.createdAt),
  }));
  const { page, IsTruncated, Marker } = paginateIam(versions, `ListPolicyVersions/${policy.policyId}`, input);
  return { Versions: page, IsTruncated, Marker };
}
