import { createHash, randomBytes } from 'node:crypto';
import { AwsApiError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { jsonInput, smithyValidationMessage, typeError } from '../json-input.js';
import { paginateJson } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import type { OrganizationRecord } from '../organizations/tables.js';
import { provisioningInProgress } from './indexes.js';
import type { PermissionSetRecord, SsoInstanceRecord } from './tables.js';

/** The service principal Organizations trusted access and delegated administration name IAM Identity Center by. */
export const SSO_SERVICE_PRINCIPAL = 'sso.amazonaws.com';

export const validation = (message: string): AwsApiError => new AwsApiError('ValidationException', message);
export const notFound = (message: string): AwsApiError => new AwsApiError('ResourceNotFoundException', message);
export const conflict = (message: string): AwsApiError => new AwsApiError('ConflictException', message);
export const quotaExceeded = (message: string): AwsApiError =>
  new AwsApiError('ServiceQuotaExceededException', message);
export const accessDenied = (message = 'User is not authorized to perform this operation.'): AwsApiError =>
  new AwsApiError('AccessDeniedException', message);

/** sso-admin's member readers: a bad value is a ValidationException (its Reason members are for KMS only). */
export const { optString, reqString, optInt, optObject, optList, optStringList } = jsonInput(
  (_problem, message, detail) => validation(detail === undefined ? message : smithyValidationMessage(detail)),
);

/** sso-admin list operations: `MaxResults` 1..100 (the `MaxResults` shape); 100 when absent. */
export const paginate = <T>(
  items: readonly T[],
  op: string,
  input: Record<string, unknown>,
): { page: T[]; NextToken?: string } =>
  // The token names the operation; ARNs in it would clash with the token's `:` separators, so a digest stands in.
  paginateJson(items, createHash('sha256').update(op).digest('hex').slice(0, 24), input, {
    defaultSize: 100,
    maxSize: 100,
    invalid: (_p, m) => validation(m),
  });

export const INSTANCE_ARN_RE = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
export const PERMISSION_SET_ARN_RE =
  /^arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/;
export const ACCOUNT_ID_RE = /^\d{12}$/;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const PRINCIPAL_ID_RE =
  /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
export const MANAGED_POLICY_ARN_RE =
  /^arn:aws(-[a-z]{1,5}){0,3}:iam::aws:policy((\/[A-Za-z0-9.,+@=_-]+)*)\/([A-Za-z0-9.,+=@_-]+)$/;
export const POLICY_NAME_RE = /^[\w+=,.@-]+$/;
export const POLICY_PATH_RE = /^((\/[A-Za-z0-9.,+@=_-]+)*)\/$/;

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
export const newInstanceArn = (): string => `arn:aws:sso:::instance/ssoins-${hex(8)}`;
export const newIdentityStoreId = (): string => `d-${hex(5)}`;
export const newPermissionSetArn = (instanceArn: string): string =>
  `arn:aws:sso:::permissionSet/${instanceArn.slice(instanceArn.lastIndexOf('/') + 1)}/ps-${hex(8)}`;

export const readInstanceArn = (input: Record<string, unknown>): string =>
  reqString(input, 'InstanceArn', { min: 10, max: 1224, pattern: INSTANCE_ARN_RE });
export const readPermissionSetArn = (input: Record<string, unknown>): string =>
  reqString(input, 'PermissionSetArn', { min: 10, max: 1224, pattern: PERMISSION_SET_ARN_RE });

/** The organization the caller's account belongs to, if any. */
function callerOrganization(store: Store, accountId: string): OrganizationRecord | undefined {
  const orgId = store.get('accounts', accountId)?.organizationId;
  return orgId === null || orgId === undefined ? undefined : store.get('organizations', orgId);
}

export function isDelegatedAdmin(store: Store, accountId: string): boolean {
  return store.has('delegatedAdmins', `${accountId}|${SSO_SERVICE_PRINCIPAL}`);
}

/**
 * The organization instance the caller may administer, in the region called, or undefined when there is
 * none there. As the console's "Enable" does, the first sso-admin call from the management account in a
 * region, once trusted access for sso.amazonaws.com is on, creates the organization instance in that region
 * (AWS has no API for it). A member account that is not the delegated administrator gets AccessDenied.
 */
export function visibleInstance(ctx: HandlerContext, create: boolean): SsoInstanceRecord | undefined {
  const accountId = ctx.principal.accountId;
  const org = callerOrganization(ctx.store, accountId);
  if (org === undefined) return undefined;
  const management = org.managementAccountId === accountId;
  if (!management && !isDelegatedAdmin(ctx.store, accountId)) throw accessDenied();
  const trusted = org.serviceAccess[SSO_SERVICE_PRINCIPAL] !== undefined;
  let instance = orgInstance(ctx.store, org.id);
  if (instance !== undefined && !trusted) {
    throw accessDenied(
      'IAM Identity Center cannot access AWS Organizations: trusted access for sso.amazonaws.com is disabled.',
    );
  }
  if (instance === undefined && create && management && trusted) {
    instance = {
      arn: newInstanceArn(),
      identityStoreId: newIdentityStoreId(),
      ownerAccountId: accountId,
      organizationId: org.id,
      region: ctx.region,
      createdAt: ctx.now,
      tags: {},
    };
    ctx.store.put('ssoInstances', instance.arn, instance);
  }
  return instance?.region === ctx.region ? instance : undefined;
}

export function orgInstance(store: Store, organizationId: string): SsoInstanceRecord | undefined {
  for (const i of store.values('ssoInstances')) if (i.organizationId === organizationId) return i;
  return undefined;
}

/** The instance named by `InstanceArn`, when the caller may administer it; ResourceNotFound otherwise. */
export function requireInstance(input: Record<string, unknown>, ctx: HandlerContext): SsoInstanceRecord {
  const arn = readInstanceArn(input);
  const instance = visibleInstance(ctx, true);
  if (instance?.arn !== arn) throw notFound(`Instance ${arn} does not exist.`);
  return instance;
}

export function requirePermissionSet(
  input: Record<string, unknown>,
  ctx: HandlerContext,
): { instance: SsoInstanceRecord; ps: PermissionSetRecord } {
  const instance = requireInstance(input, ctx);
  const arn = readPermissionSetArn(input);
  const ps = ctx.store.get('permissionSets', arn);
  if (ps?.instanceArn !== instance.arn) throw permissionSetNotFound(arn);
  return { instance, ps };
}

export const permissionSetNotFound = (arn: string): AwsApiError =>
  notFound(`Could not find PermissionSet with id ${arn.slice(arn.lastIndexOf('/') + 1)}`);

/** AWS: ConflictException while a ProvisionPermissionSet of this permission set is IN_PROGRESS. */
export function requireNoProvisioning(store: Store, permissionSetArn: string): void {
  if (store.lookup(provisioningInProgress, permissionSetArn).size > 0)
    throw conflict(
      `The request is rejected because a provisioning of permission set ${permissionSetArn} is in progress. Try again later.`,
    );
}

/** Records the change and bumps the permission set's version (re-provisioning then updates the accounts). */
export function savePermissionSet(store: Store, ps: PermissionSetRecord): void {
  store.put('permissionSets', ps.arn, { ...ps, version: ps.version + 1 });
}

/** sso-admin tags: a list of `{ Key, Value }` (keys 1..128, values 0..256), at most 75. */
export function readTags(input: Record<string, unknown>, name = 'Tags'): Record<string, string> {
  const list = optList(input, name) ?? [];
  if (list.length > 75) throw validation(`Member ${name} must have length less than or equal to 75.`);
  const tags: Record<string, string> = {};
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw typeError(`${name} member`, 'a structure');
    const t = item as Record<string, unknown>;
    const key = reqString(t, 'Key', { min: 1, max: 128, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u });
    const value = reqString(t, 'Value', { max: 256, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u });
    if (key.toLowerCase().startsWith('aws:')) throw validation('Tag keys starting with aws: are reserved.');
    tags[key] = value;
  }
  return tags;
}

export const tagList = (tags: Record<string, string>): { Key: string; Value: string }[] =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

const DURATION_RE = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds of an ISO-8601 duration (`PT1H`, `PT90M`, `PT2H30M`); undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const m = DURATION_RE.exec(text);
  if (m === null || text === 'P' || text.endsWith('T')) return undefined;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}
