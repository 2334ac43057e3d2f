import { AwsApiError } from '../../errors.js';
import { constraintViolation } from './errors.js';
import type { OrganizationRecord, PolicyRecord } from './tables.js';
import type { Store } from '../../store/store.js';
import { paginateOrg, reqString } from './input.js';
import type { HandlerContext } from '../registry.js';
import { findEntity, managedOrganization, POLICY_ID_RE, TARGET_ID_RE } from './common.js';
import { POLICY_TYPES, POLICY_TYPE_NAMES } from './policy-types.js';
import { findPolicy, policySummary } from './policies.js';

export function attachedPolicyIds(store: Store, targetId: string): string[] {
  return store.get('attachments', targetId)?.policyIds ?? [];
}

export function attach(store: Store, policyId: string, targetId: string): void {
  const ids = attachedPolicyIds(store, targetId);
  if (!ids.includes(policyId)) store.put('attachments', targetId, { targetId, policyIds: [...ids, policyId] });
}

export function detach(store: Store, policyId: string, targetId: string): void {
  const ids = attachedPolicyIds(store, targetId).filter((id) => id !== policyId);
  if (ids.length === 0) store.delete('attachments', targetId);
  else store.put('attachments', targetId, { targetId, policyIds: ids });
}

/** AWS attaches the default policy (FullAWSAccess for SCPs) to every new OU and account while the type is enabled. */
export function attachDefaultPolicies(store: Store, org: OrganizationRecord, targetId: string): void {
  const root = store.get('roots', org.rootId);
  for (const type of root?.policyTypes ?? []) {
    const def = POLICY_TYPES[type]?.defaultPolicyId;
    if (def !== undefined) attach(store, def, targetId);
  }
}

/** Forgets a deleted or departed target: its attachments and its tags. */
export function forgetTarget(store: Store, targetId: string): void {
  store.delete('attachments', targetId);
  store.delete('tags', targetId);
}

function policyOfType(store: Store, id: string): PolicyRecord | undefined {
  return store.get('policies', id);
}

function countOfType(store: Store, targetId: string, type: string): number {
  return attachedPolicyIds(store, targetId).filter((id) => policyOfType(store, id)?.type === type).length;
}

export function attachPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const policyId = reqString(input, 'PolicyId', {
    max: 130,
    pattern: POLICY_ID_RE,
    patternReason: 'INVALID_SYNTAX_POLICY_ID',
  });
  const targetId = reqString(input, 'TargetId', {
    max: 100,
    pattern: TARGET_ID_RE,
    patternReason: 'INVALID_PATTERN_TARGET_ID',
  });
  const policy = findPolicy(ctx.store, org, policyId);
  const target = findEntity(ctx.store, org, targetId);
  if (target === undefined)
    throw new AwsApiError(
      'TargetNotFoundException',
      `We can't find a root, OU, or account with the TargetId that you specified: ${targetId}.`,
    );
  const root = ctx.store.get('roots', org.rootId);
  if (!(root?.policyTypes ?? []).includes(policy.type)) {
    throw new AwsApiError(
      'PolicyTypeNotEnabledException',
      `The specified policy type ${policy.type} isn't enabled in your organization. Use EnablePolicyType to enable it.`,
    );
  }
  if (attachedPolicyIds(ctx.store, targetId).includes(policyId)) {
    throw new AwsApiError(
      'DuplicatePolicyAttachmentException',
      `The selected policy ${policyId} is already attached to the specified target ${targetId}.`,
    );
  }
  const rules = POLICY_TYPES[policy.type];
  if (rules !== undefined && countOfType(ctx.store, targetId, policy.type) >= rules.maxAttachmentsPerTarget) {
    throw constraintViolation(
      'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      `You attempted to exceed the number of policies of type ${policy.type} (${rules.maxAttachmentsPerTarget}) that can be attached to ${targetId}.`,
    );
  }
  attach(ctx.store, policyId, targetId);
  return {};
}

export function detachPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const policyId = reqString(input, 'PolicyId', {
    max: 130,
    pattern: POLICY_ID_RE,
    patternReason: 'INVALID_SYNTAX_POLICY_ID',
  });
  const targetId = reqString(input, 'TargetId', {
    max: 100,
    pattern: TARGET_ID_RE,
    patternReason: 'INVALID_PATTERN_TARGET_ID',
  });
  const policy = findPolicy(ctx.store, org, policyId);
  if (findEntity(ctx.store, org, targetId) === undefined) {
    throw new AwsApiError(
      'TargetNotFoundException',
      `We can't find a root, OU, or account with the TargetId that you specified: ${targetId}.`,
    );
  }
  if (!attachedPolicyIds(ctx.store, targetId).includes(policyId)) {
    throw new AwsApiError(
      'PolicyNotAttachedException',
      `The policy ${policyId} isn't attached to the specified target ${targetId}.`,
    );
  }
  const rules = POLICY_TYPES[policy.type];
  if (rules?.defaultPolicyId !== undefined && countOfType(ctx.store, targetId, policy.type) <= 1) {
    throw constraintViolation(
      'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      `You attempted to detach the last ${policy.type} from ${targetId}; every root, OU and account must have at least one.`,
    );
  }
  detach(ctx.store, policyId, targetId);
  return {};
}

function filterType(input: Record<string, unknown>): string {
  return reqString(input, 'Filter', { values: POLICY_TYPE_NAMES });
}

export function listPoliciesForTarget(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const targetId = reqString(input, 'TargetId', {
    max: 100,
    pattern: TARGET_ID_RE,
    patternReason: 'INVALID_PATTERN_TARGET_ID',
  });
  const type = filterType(input);
  if (findEntity(ctx.store, org, targetId) === undefined) {
    throw new AwsApiError(
      'TargetNotFoundException',
      `We can't find a root, OU, or account with the TargetId that you specified: ${targetId}.`,
    );
  }
  const policies = attachedPolicyIds(ctx.store, targetId)
    .map((id) => ctx.store.get('policies', id))
    .filter((p): p is PolicyRecord => p !== undefined && p.type === type);
  const { page, NextToken } = paginateOrg(policies, `ListPoliciesForTarget/${targetId}/${type}`, input);
  return { Policies: page.map((p) => policySummary(org, p)), NextToken };
}

export function listTargetsForPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const policyId = reqString(input, 'PolicyId', {
    max: 130,
    pattern: POLICY_ID_RE,
    patternReason: 'INVALID_SYNTAX_POLICY_ID',
  });
  findPolicy(ctx.store, org, policyId);
  const targets = [];
  for (const a of ctx.store.values('attachments')) {
    if (!a.policyIds.includes(policyId)) continue;
    const e = findEntity(ctx.store, org, a.targetId);
    if (e !== undefined) targets.push({ TargetId: e.id, Arn: e.arn, Name: e.name, Type: e.kind });
  }
  const { page, NextToken } = paginateOrg(targets, `ListTargetsForPolicy/${policyId}`, input);
  return { Targets: page, NextToken };
}
