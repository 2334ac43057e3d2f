import { AwsApiError, invalidInput } from '../errors.js';

/**
 * Readers for awsJson1_1 input members. A member of the wrong JSON type is a SerializationException
 * (what AWS's JSON front end answers); a missing, too long or malformed value is the Organizations
 * InvalidInputException with its documented reason.
 */
export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** InvalidInputException reason when the pattern does not match (default INVALID_PATTERN). */
  patternReason?: string;
  values?: readonly string[];
}

function typeError(name: string, expected: string): AwsApiError {
  return new AwsApiError('SerializationException', `Unexpected value type for ${name}: expected ${expected}.`);
}

export function optString(
  input: Record<string, unknown>,
  name: string,
  rule: Omit<StringRule, 'required'> = {},
): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw typeError(name, 'a string');
  if (rule.min !== undefined && v.length < rule.min)
    throw invalidInput(
      'MIN_LENGTH_EXCEEDED',
      `You provided a value that does not meet the required minimum length for ${name}.`,
    );
  if (rule.max !== undefined && v.length > rule.max)
    throw invalidInput(
      'MAX_LENGTH_EXCEEDED',
      `You provided a value that exceeds the maximum allowed length for ${name}.`,
    );
  if (rule.values !== undefined && !rule.values.includes(v))
    throw invalidInput('INVALID_ENUM', `You specified an invalid value for ${name}: ${v}.`);
  if (rule.pattern !== undefined && !rule.pattern.test(v)) {
    throw invalidInput(
      rule.patternReason ?? 'INVALID_PATTERN',
      `You specified a value for ${name} that is not valid: ${v}.`,
    );
  }
  return v;
}

export function reqString(
  input: Record<string, unknown>,
  name: string,
  rule: Omit<StringRule, 'required'> = {},
): string {
  const v = optString(input, name, rule);
  if (v === undefined) throw invalidInput('INPUT_REQUIRED', `You must specify a value for ${name}.`);
  return v;
}

export function optInt(input: Record<string, unknown>, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(name, 'an integer');
  return v;
}

export function optObject(input: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(name, 'a structure');
  return v as Record<string, unknown>;
}

export function optList(input: Record<string, unknown>, name: string): unknown[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw typeError(name, 'a list');
  return v;
}

export function optStringList(input: Record<string, unknown>, name: string): string[] | undefined {
  const list = optList(input, name);
  if (list === undefined) return undefined;
  for (const item of list) if (typeof item !== 'string') throw typeError(`${name} member`, 'a string');
  return list as string[];
}

/** Organizations tags: a list of `{ Key, Value }`, keys 1..128, values 0..256, no duplicate keys. */
export function readTags(input: Record<string, unknown>, name = 'Tags'): Record<string, string> {
  const list = optList(input, name) ?? [];
  const tags: Record<string, string> = {};
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw typeError(`${name} member`, 'a structure');
    const t = item as Record<string, unknown>;
    const key = reqString(t, 'Key', { min: 1, max: 128 });
    const value = reqString(t, 'Value', { max: 256 });
    if (key.toLowerCase().startsWith('aws:'))
      throw invalidInput('INVALID_SYSTEM_TAGS_PARAMETER', "You can't use the aws: prefix in a tag key.");
    if (Object.hasOwn(tags, key)) throw invalidInput('DUPLICATE_TAG_KEY', `Duplicate tag key ${key}.`);
    tags[key] = value;
  }
  return tags;
}
