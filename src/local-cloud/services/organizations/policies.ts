import { AwsApiError } from '../../errors.js';
import { constraintViolation, invalidInput } from './errors.js';
import { newPolicyId } from '../../ids.js';
import type { OrganizationRecord, PolicyRecord } from './tables.js';
import type { Store } from '../../store/store.js';
import { optString, paginateOrg, readTags, reqString } from './input.js';
import type { HandlerContext } from '../registry.js';
import { managedOrganization, POLICY_ID_RE, policyArn } from './common.js';
import {
  FULL_AWS_ACCESS_CONTENT,
  POLICY_TYPES,
  POLICY_TYPE_NAMES,
  RCP_FULL_AWS_ACCESS_CONTENT,
} from './policy-types.js';
import { setTags } from './tags.js';
import { organizationsMalformedMessage, refusedPolicyProblem } from '../policy-grammar.js';

/** The AWS managed policies every organization sees. */
export function seedAwsManagedPolicies(store: Store): void {
  const managed: PolicyRecord[] = [
    {
      id: 'p-FullAWSAccess',
      organizationId: null,
      name: 'FullAWSAccess',
      description: 'Allows access to every operation',
      type: 'SERVICE_CONTROL_POLICY',
      content: FULL_AWS_ACCESS_CONTENT,
      awsManaged: true,
    },
    {
      id: 'p-RCPFullAWSAccess',
      organizationId: null,
      name: 'RCPFullAWSAccess',
      description: 'Allows access to every resource',
      type: 'RESOURCE_CONTROL_POLICY',
      content: RCP_FULL_AWS_ACCESS_CONTENT,
      awsManaged: true,
    },
  ];
  for (const p of managed) if (!store.has('policies', p.id)) store.put('policies', p.id, p);
}

export function policySummary(org: OrganizationRecord, p: PolicyRecord): Record<string, unknown> {
  return {
    Id: p.id,
    Arn: policyArn(org, p),
    Name: p.name,
    Description: p.description,
    Type: p.type,
    AwsManaged: p.awsManaged,
  };
}

const policyShape = (org: OrganizationRecord, p: PolicyRecord): Record<string, unknown> => ({
  PolicySummary: policySummary(org, p),
  Content: p.content,
});

export function findPolicy(store: Store, org: OrganizationRecord, id: string): PolicyRecord {
  const p = store.get('policies', id);
  if (p === undefined || (p.organizationId !== null && p.organizationId !== org.id)) {
    throw new AwsApiError(
      'PolicyNotFoundException',
      `We can't find a policy with the PolicyId that you specified: ${id}.`,
    );
  }
  return p;
}

const MALFORMED = 'The provided policy document does not meet the requirements of the specified policy type.';
const malformedPolicyDocument = (message: string): AwsApiError =>
  new AwsApiError('MalformedPolicyDocumentException', message);

function readContent(input: Record<string, unknown>, type: string, required: boolean): string | undefined {
  const content = required
    ? reqString(input, 'Content', { min: 1, max: 1_000_000 })
    : optString(input, 'Content', { min: 1, max: 1_000_000 });
  if (content === undefined) return undefined;
  const max = POLICY_TYPES[type]?.maxContentChars ?? 10_000;
  // AWS: the SCP document limit (5,120 characters) counts every character, whitespace included.
  if (content.length > max) {
    throw constraintViolation(
      'POLICY_CONTENT_LIMIT_EXCEEDED',
      `You attempted to create a policy that is larger than the maximum size (${max} characters) for ${type}.`,
    );
  }
  // SCPs get IAM's policy grammar (the checker `validate` uses); other types only need to be a JSON object here.
  if (type === 'SERVICE_CONTROL_POLICY') {
    const problem = refusedPolicyProblem(content, 'scp');
    if (problem !== undefined) throw malformedPolicyDocument(organizationsMalformedMessage(problem));
    return content;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    throw malformedPolicyDocument(MALFORMED);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw malformedPolicyDocument(MALFORMED);
  if (type === 'RESOURCE_CONTROL_POLICY' && !('Statement' in doc)) {
    throw malformedPolicyDocument(`${MALFORMED}: Statement is missing.`);
  }
  return content;
}

function nameTaken(store: Store, org: OrganizationRecord, type: string, name: string, except?: string): boolean {
  for (const p of store.values('policies')) {
    if (p.organizationId === org.id && p.type === type && p.name === name && p.id !== except) return true;
  }
  return false;
}

export function createPolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const type = reqString(input, 'Type', { values: POLICY_TYPE_NAMES });
  const name = reqString(input, 'Name', { min: 1, max: 128 });
  const description = optString(input, 'Description', { max: 512 }) ?? '';
  const content = readContent(input, type, true) ?? '';
  const tags = readTags(input);
  if (Object.keys(tags).length > ctx.config.quotas.maxTagsPerResource) {
    throw constraintViolation(
      'MAX_TAG_LIMIT_EXCEEDED',
      'You have exceeded the number of tags allowed on this resource.',
    );
  }
  if (nameTaken(ctx.store, org, type, name))
    throw new AwsApiError('DuplicatePolicyException', `A policy with the name ${name} already exists.`);
  let count = 0;
  for (const p of ctx.store.values('policies')) if (p.organizationId === org.id && p.type === type) count++;
  if (count >= ctx.config.quotas.maxPoliciesPerType) {
    throw constraintViolation(
      'POLICY_NUMBER_LIMIT_EXCEEDED',
      `You attempted to exceed the number of policies of type ${type} that you can have in an organization.`,
    );
  }
  const policy: PolicyRecord = {
    id: newPolicyId(),
    organizationId: org.id,
    name,
    description,
    type,
    content,
    awsManaged: false,
  };
  ctx.store.put('policies', policy.id, policy);
  if (Object.keys(tags).length > 0) setTags(ctx.store, policy.id, tags);
  return { Policy: policyShape(org, policy) };
}

function readPolicyId(input: Record<string, unknown>): string {
  return reqString(input, 'PolicyId', { max: 130, pattern: POLICY_ID_RE, patternReason: 'INVALID_SYNTAX_POLICY_ID' });
}

export function describePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  return { Policy: policyShape(org, findPolicy(ctx.store, org, readPolicyId(input))) };
}

export function updatePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const policy = findPolicy(ctx.store, org, readPolicyId(input));
  if (policy.awsManaged)
    throw invalidInput(
      'IMMUTABLE_POLICY',
      `You specified a policy that is managed by AWS and can't be modified: ${policy.id}.`,
    );
  const name = optString(input, 'Name', { min: 1, max: 128 });
  const description = optString(input, 'Description', { max: 512 });
  const content = readContent(input, policy.type, false);
  if (name !== undefined && nameTaken(ctx.store, org, policy.type, name, policy.id)) {
    throw new AwsApiError('DuplicatePolicyException', `A policy with the name ${name} already exists.`);
  }
  const updated: PolicyRecord = {
    ...policy,
    name: name ?? policy.name,
    description: description ?? policy.description,
    content: content ?? policy.content,
  };
  ctx.store.put('policies', policy.id, updated);
  return { Policy: policyShape(org, updated) };
}

export function deletePolicy(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const policy = findPolicy(ctx.store, org, readPolicyId(input));
  if (policy.awsManaged)
    throw invalidInput(
      'IMMUTABLE_POLICY',
      `You specified a policy that is managed by AWS and can't be modified: ${policy.id}.`,
    );
  for (const a of ctx.store.values('attachments')) {
    if (a.policyIds.includes(policy.id)) {
      throw new AwsApiError(
        'PolicyInUseException',
        'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.',
      );
    }
  }
  ctx.store.delete('policies', policy.id);
  ctx.store.delete('tags', policy.id);
  return {};
}

export function listPolicies(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const type = reqString(input, 'Filter', { values: POLICY_TYPE_NAMES });
  const all = [...ctx.store.values('policies')].filter(
    (p) => p.type === type && (p.organizationId === null || p.organizationId === org.id),
  );
  const { page, NextToken } = paginateOrg(all, `ListPolicies/${type}`, input);
  return { Policies: page.map((p) => policySummary(org, p)), NextToken };
}
