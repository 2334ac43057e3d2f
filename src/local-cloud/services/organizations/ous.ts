import { AwsApiError } from '../../errors.js';
import { constraintViolation } from './errors.js';
import { newOuId } from '../../ids.js';
import type { OrganizationRecord, OuRecord } from './tables.js';
import type { Store } from '../../store/store.js';
import { paginateOrg, readTags, reqString } from './input.js';
import type { HandlerContext } from '../registry.js';
import { attachDefaultPolicies, forgetTarget } from './attachments.js';
import { findParent, managedOrganization, orgAccounts, OU_ID_RE, ouArn, PARENT_ID_RE } from './common.js';
import { setTags } from './tags.js';

const ouShape = (org: OrganizationRecord, ou: OuRecord): Record<string, unknown> => ({
  Id: ou.id,
  Arn: ouArn(org, ou.id),
  Name: ou.name,
});

/** OUs of an organization are recognisable by their id, which embeds the root id. */
export function orgOus(store: Store, org: OrganizationRecord): OuRecord[] {
  const prefix = `ou-${org.rootId.slice(2)}-`;
  const out: OuRecord[] = [];
  for (const ou of store.values('ous')) if (ou.id.startsWith(prefix)) out.push(ou);
  return out;
}

/** Depth below the root: an OU directly under the root has depth 1. */
function depthOf(store: Store, org: OrganizationRecord, parentId: string): number {
  let depth = 0;
  let id = parentId;
  while (id !== org.rootId && depth < 100) {
    const ou = store.get('ous', id);
    if (ou === undefined) break;
    depth++;
    id = ou.parentId;
  }
  return depth;
}

function findOu(store: Store, org: OrganizationRecord, id: string): OuRecord {
  const ou = store.get('ous', id);
  if (ou === undefined || !id.startsWith(`ou-${org.rootId.slice(2)}-`)) {
    throw new AwsApiError(
      'OrganizationalUnitNotFoundException',
      `We can't find an OU with the OrganizationalUnitId that you specified: ${id}.`,
    );
  }
  return ou;
}

function nameTaken(store: Store, org: OrganizationRecord, parentId: string, name: string, except?: string): boolean {
  return orgOus(store, org).some((o) => o.parentId === parentId && o.name === name && o.id !== except);
}

export function createOrganizationalUnit(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const parentId = reqString(input, 'ParentId', { max: 100, pattern: PARENT_ID_RE });
  const name = reqString(input, 'Name', { min: 1, max: 128 });
  const tags = readTags(input);
  findParent(ctx.store, org, parentId);
  if (Object.keys(tags).length > ctx.config.quotas.maxTagsPerResource) {
    throw constraintViolation(
      'MAX_TAG_LIMIT_EXCEEDED',
      'You have exceeded the number of tags allowed on this resource.',
    );
  }
  // AWS: an OU tree can be at most five levels deep below the root.
  if (depthOf(ctx.store, org, parentId) + 1 > ctx.config.quotas.maxOuDepth) {
    throw constraintViolation(
      'OU_DEPTH_LIMIT_EXCEEDED',
      'You attempted to create an OU tree that is too many levels deep.',
    );
  }
  if (orgOus(ctx.store, org).length >= ctx.config.quotas.maxOus) {
    throw constraintViolation(
      'OU_NUMBER_LIMIT_EXCEEDED',
      'You attempted to exceed the number of OUs that you can have in an organization.',
    );
  }
  if (nameTaken(ctx.store, org, parentId, name)) {
    throw new AwsApiError('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.');
  }
  const ou: OuRecord = { id: newOuId(org.rootId), name, parentId };
  ctx.store.put('ous', ou.id, ou);
  attachDefaultPolicies(ctx.store, org, ou.id);
  if (Object.keys(tags).length > 0) setTags(ctx.store, ou.id, tags);
  return { OrganizationalUnit: ouShape(org, ou) };
}

function readOuId(input: Record<string, unknown>): string {
  return reqString(input, 'OrganizationalUnitId', { max: 68, pattern: OU_ID_RE });
}

export function updateOrganizationalUnit(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const ou = findOu(ctx.store, org, readOuId(input));
  const name = reqString(input, 'Name', { min: 1, max: 128 });
  if (nameTaken(ctx.store, org, ou.parentId, name, ou.id)) {
    throw new AwsApiError('DuplicateOrganizationalUnitException', 'An OU with the same name already exists.');
  }
  const updated = { ...ou, name };
  ctx.store.put('ous', ou.id, updated);
  return { OrganizationalUnit: ouShape(org, updated) };
}

export function deleteOrganizationalUnit(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const ou = findOu(ctx.store, org, readOuId(input));
  const hasChildOu = orgOus(ctx.store, org).some((o) => o.parentId === ou.id);
  const hasAccount = orgAccounts(ctx.store, org.id).some((a) => a.parentId === ou.id);
  if (hasChildOu || hasAccount) {
    throw new AwsApiError(
      'OrganizationalUnitNotEmptyException',
      'The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try the operation again.',
    );
  }
  ctx.store.delete('ous', ou.id);
  forgetTarget(ctx.store, ou.id);
  return {};
}

export function describeOrganizationalUnit(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  return { OrganizationalUnit: ouShape(org, findOu(ctx.store, org, readOuId(input))) };
}

export function listOrganizationalUnitsForParent(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const org = managedOrganization(ctx);
  const parentId = reqString(input, 'ParentId', { max: 100, pattern: PARENT_ID_RE });
  findParent(ctx.store, org, parentId);
  const children = orgOus(ctx.store, org).filter((o) => o.parentId === parentId);
  const { page, NextToken } = paginateOrg(children, `ListOrganizationalUnitsForParent/${parentId}`, input);
  return { OrganizationalUnits: page.map((o) => ouShape(org, o)), NextToken };
}
