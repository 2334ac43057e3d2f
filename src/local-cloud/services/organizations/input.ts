import { jsonInput, typeError } from '../json-input.js';
import { paginateJson } from '../pagination.js';
import { invalidInput } from './errors.js';

/** Organizations' member readers: an invalid member is `InvalidInputException` with its `Reason`. */
export const { optString, reqString, optInt, optObject, optList, optStringList } = jsonInput(invalidInput);

/** Organizations list operations: `MaxResults` 1..20, default 20 (the `MaxResults` shape). */
export const paginateOrg = <T>(
  items: readonly T[],
  op: string,
  input: Record<string, unknown>,
): { page: T[]; NextToken?: string } =>
  paginateJson(items, op, input, { defaultSize: 20, maxSize: 20, invalid: invalidInput });

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
