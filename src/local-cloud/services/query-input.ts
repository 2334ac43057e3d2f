import { AwsApiError, validationError } from '../errors.js';

/**
 * Readers for awsQuery (IAM, STS) members. Failures are `ValidationError` with the wording AWS uses:
 * "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: ...".
 */
const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

export interface QueryRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

export function qOpt(input: Record<string, unknown>, name: string, rule: QueryRule = {}): string | undefined {
  const v = input[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string')
    throw validationError(
      `1 validation error detected: Value at '${camel(name)}' failed to satisfy constraint: Member must be a string`,
    );
  if (rule.min !== undefined && v.length < rule.min) {
    throw validationError(
      `1 validation error detected: Value '${v}' at '${camel(name)}' failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`,
    );
  }
  if (rule.max !== undefined && v.length > rule.max) {
    throw validationError(
      `1 validation error detected: Value at '${camel(name)}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
    );
  }
  if (rule.pattern !== undefined && !rule.pattern.test(v)) {
    throw validationError(
      `1 validation error detected: Value '${v}' at '${camel(name)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.pattern.source}`,
    );
  }
  return v;
}

export function qReq(input: Record<string, unknown>, name: string, rule: QueryRule = {}): string {
  const v = qOpt(input, name, rule);
  if (v === undefined)
    throw validationError(
      `1 validation error detected: Value null at '${camel(name)}' failed to satisfy constraint: Member must not be null`,
    );
  return v;
}

export function qInt(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const raw = qOpt(input, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n))
    throw validationError(`Invalid value for parameter ${name}: ${raw}`);
  if (n < min)
    throw validationError(
      `1 validation error detected: Value '${n}' at '${camel(name)}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
    );
  if (n > max)
    throw validationError(
      `1 validation error detected: Value '${n}' at '${camel(name)}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  return n;
}

export function qBool(input: Record<string, unknown>, name: string): boolean | undefined {
  const raw = qOpt(input, name);
  if (raw === undefined) return undefined;
  if (raw !== 'true' && raw !== 'false') throw validationError(`Invalid value for parameter ${name}: ${raw}`);
  return raw === 'true';
}

export function qStringList(input: Record<string, unknown>, name: string): string[] | undefined {
  const v = input[name];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw validationError(`Invalid value for parameter ${name}.`);
  return v as string[];
}

/** IAM tags: `Tags.member.N.Key` / `.Value`; keys 1..128, values 0..256, at most 50. */
export function qTags(input: Record<string, unknown>): Record<string, string> {
  const v = input.Tags;
  if (v === undefined) return {};
  if (!Array.isArray(v)) throw validationError('Invalid value for parameter Tags.');
  const tags: Record<string, string> = {};
  for (const item of v) {
    if (typeof item !== 'object' || item === null) throw validationError('Invalid value for parameter Tags.');
    const t = item as Record<string, unknown>;
    const key = qReq(t, 'Key', { min: 1, max: 128 });
    const value = qOpt(t, 'Value', { max: 256 }) ?? '';
    if (Object.hasOwn(tags, key))
      throw new AwsApiError(
        'InvalidInput',
        `Duplicate tag keys found. Please note that Tag keys are case insensitive: ${key}.`,
      );
    tags[key] = value;
  }
  if (Object.keys(tags).length > 50)
    throw new AwsApiError('LimitExceeded', 'The number of tags has reached the maximum limit.', 409);
  return tags;
}

export const tagList = (tags: Record<string, string>): { Key: string; Value: string }[] =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
