import { AwsApiError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { UsageAccount } from '../../usage/quota-usage.js';

/** CloudWatch's errors: model shape name as the code; the query code clients map it back to in the header. */
export const AWS_QUERY_ERRORS: Readonly<Record<string, string>> = {
  InvalidParameterValueException: 'InvalidParameterValue;Sender',
  InvalidParameterCombinationException: 'InvalidParameterCombination;Sender',
  MissingRequiredParameterException: 'MissingParameter;Sender',
  InvalidNextToken: 'InvalidNextToken;Sender',
  InternalServiceFault: 'InternalServiceError;Receiver',
  ValidationException: 'ValidationError;Sender',
  Throttling: 'Throttling;Sender',
};

/**
 * GetMetricData's constraint failures: the query code `ValidationError` (what botocore and the AWS CLI show), not a
 * modelled shape; SDK v3 names it ValidationException.
 */
export const validation = (message: string): AwsApiError => new AwsApiError('ValidationException', message);
export const invalidValue = (message: string): AwsApiError =>
  new AwsApiError('InvalidParameterValueException', message);
export const missing = (name: string): AwsApiError =>
  new AwsApiError('MissingRequiredParameterException', `The parameter ${name} is required.`);

/** A timestamp member: a Date (CBOR tag 1), epoch seconds (awsJson) or an ISO 8601 string (awsQuery). */
export function timeOf(value: unknown, name: string): number {
  if (value === undefined || value === null) throw missing(name);
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value * 1000
        : typeof value === 'string'
          ? /^\d+(\.\d+)?$/.test(value)
            ? Number(value) * 1000
            : Date.parse(value)
          : Number.NaN;
  if (!Number.isFinite(ms)) throw invalidValue(`The parameter ${name} must be a valid timestamp.`);
  return ms;
}

/** A number member (strings from awsQuery). */
export function numberOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : Number.NaN;
}

/** A list member: an array (JSON, CBOR) or awsQuery's `{member: [...]}`/`{member: {...}}`. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && 'member' in value) {
    const m = (value as { member: unknown }).member;
    return Array.isArray(m) ? m : [m];
  }
  return [value];
}

export function dimensionsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of listOf(value)) {
    const { Name, Value } = (d ?? {}) as Record<string, unknown>;
    if (typeof Name === 'string' && typeof Value === 'string') out[Name] = Value;
  }
  return out;
}

export const dimensionList = (dims: Record<string, string>): { Name: string; Value: string }[] =>
  Object.entries(dims).map(([Name, Value]) => ({ Name, Value }));

/** The account as the usage model sees it: name, Organizations tags, whether it manages an organization. */
export function usageAccountOf(store: Store, accountId: string): UsageAccount | undefined {
  const a = store.get('accounts', accountId);
  if (a === undefined) return undefined;
  const org = a.organizationId === null ? undefined : store.get('organizations', a.organizationId);
  return {
    id: a.id,
    name: a.name,
    tags: store.get('tags', a.id)?.tags ?? {},
    management: org?.managementAccountId === a.id,
  };
}
