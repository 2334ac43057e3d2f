import { createHash, randomUUID } from 'node:crypto';
import { AwsApiError } from '../../errors.js';
import { jsonInput, typeError } from '../json-input.js';
import { paginateJson } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import { visibleInstance } from '../sso-admin/common.js';
import type { SsoInstanceRecord } from '../sso-admin/tables.js';
import type { ExternalIdRecord } from './tables.js';

export const validation = (message: string): AwsApiError => new AwsApiError('ValidationException', message);
export const conflict = (message: string, reason = 'UNIQUENESS_CONSTRAINT_VIOLATION'): AwsApiError =>
  new AwsApiError('ConflictException', message, 400, { Reason: reason });
export const notFound = (type: 'USER' | 'GROUP' | 'IDENTITY_STORE' | 'GROUP_MEMBERSHIP', id?: string): AwsApiError =>
  new AwsApiError('ResourceNotFoundException', `${type} not found.`, 400, {
    ResourceType: type,
    ...(id === undefined ? {} : { ResourceId: id }),
  });

export const { optString, reqString, optObject, optList, optStringList } = jsonInput((_problem, message) =>
  validation(message),
);

/** Identity Store list operations: `MaxResults` 1..100 (the model's); 100 when absent. */
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

export const IDENTITY_STORE_ID_RE = /^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const RESOURCE_ID_RE =
  /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
export const USER_NAME_RULE = { min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };
export const TEXT_RULE = { min: 1, max: 1024, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \u00A0\u3000]+$/u };

export const readResourceId = (input: Record<string, unknown>, name: string): string =>
  reqString(input, name, { min: 1, max: 47, pattern: RESOURCE_ID_RE });

/**
 * The identity store named by `IdentityStoreId`: the organization instance's, in its region, for the
 * management account or the delegated administrator of sso.amazonaws.com (others: AccessDenied).
 */
export function requireStore(input: Record<string, unknown>, ctx: HandlerContext): SsoInstanceRecord {
  const id = reqString(input, 'IdentityStoreId', { min: 1, max: 36, pattern: IDENTITY_STORE_ID_RE });
  const instance = visibleInstance(ctx, false);
  if (instance?.identityStoreId !== id) throw notFound('IDENTITY_STORE', id);
  return instance;
}

/** Ids as AWS forms them for an identity store: `<its 10 hex>-<UUID>`. */
export const newResourceId = (identityStoreId: string): string =>
  `${identityStoreId.startsWith('d-') ? `${identityStoreId.slice(2)}-` : ''}${randomUUID()}`;

/** The single `MemberId` union member, `UserId`. */
export function readMemberId(input: Record<string, unknown>): string {
  const member = optObject(input, 'MemberId');
  if (member === undefined) throw validation('You must specify a value for MemberId.');
  return readResourceId(member, 'UserId');
}

export type AlternateIdentifier =
  { kind: 'external'; externalId: ExternalIdRecord } | { kind: 'unique'; path: string; value: string };

/** AlternateIdentifier: exactly one of ExternalId {Issuer, Id} and UniqueAttribute {AttributePath, AttributeValue}. */
export function readAlternateIdentifier(input: Record<string, unknown>): AlternateIdentifier {
  const alt = optObject(input, 'AlternateIdentifier');
  if (alt === undefined) throw validation('You must specify a value for AlternateIdentifier.');
  const external = optObject(alt, 'ExternalId');
  const unique = optObject(alt, 'UniqueAttribute');
  if ((external === undefined) === (unique === undefined))
    throw validation('AlternateIdentifier must have exactly one of ExternalId and UniqueAttribute.');
  if (external !== undefined) {
    const rule = { min: 1, max: 256, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };
    return {
      kind: 'external',
      externalId: { issuer: reqString(external, 'Issuer', rule), id: reqString(external, 'Id', rule) },
    };
  }
  const u = unique as Record<string, unknown>;
  const path = reqString(u, 'AttributePath', { min: 1, max: 255 });
  const value = u.AttributeValue;
  if (value === undefined || value === null) throw validation('You must specify a value for AttributeValue.');
  if (typeof value !== 'string') throw typeError('AttributeValue', 'a string');
  return { kind: 'unique', path, value };
}

export const hasExternalId = (ids: readonly ExternalIdRecord[], wanted: ExternalIdRecord): boolean =>
  ids.some((e) => e.issuer === wanted.issuer && e.id === wanted.id);

export const externalIdsShape = (ids: readonly ExternalIdRecord[]): { Issuer: string; Id: string }[] | undefined =>
  ids.length === 0 ? undefined : ids.map((e) => ({ Issuer: e.issuer, Id: e.id }));

/** The list operations' `Filters` (deprecated, at most one): `[{ AttributePath, AttributeValue }]`, equality. */
export function readFilter(input: Record<string, unknown>, allowed: string): string | undefined {
  const filters = optList(input, 'Filters') ?? [];
  if (filters.length > 1) throw validation('Member Filters must have length less than or equal to 1.');
  const f = filters[0];
  if (f === undefined) return undefined;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) throw typeError('Filters member', 'a structure');
  const filter = f as Record<string, unknown>;
  const path = reqString(filter, 'AttributePath', { min: 1, max: 255 });
  if (path !== allowed) throw validation(`Filtering by ${path} is not supported; use ${allowed}.`);
  return reqString(filter, 'AttributeValue', TEXT_RULE);
}
