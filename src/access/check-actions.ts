/**
 * Checks the actions of a request and its policies against the IAM service reference (src/iam), as input
 * errors with close alternatives. Asynchronous because the reference loads each service's data lazily.
 */
import { suggest } from '../core/suggest.js';
import {
  actionExists,
  actionNames,
  allServiceKeys,
  expandActionPattern,
  serviceExists,
} from '../iam/service-reference.js';
import type { AccessRequest, InputError, PolicySet } from './types.js';

export { expandActionPattern } from '../iam/service-reference.js';

function splitAction(action: string): [string, string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/** Checks one action or action pattern; returns undefined when it names at least one real action. */
export async function checkAction(action: string, path?: string): Promise<InputError | undefined> {
  const parts = splitAction(action);
  const at = path === undefined ? {} : { path };
  if (action === '*') return undefined;
  if (parts === undefined) {
    return { code: 'invalid-action', message: `action "${action}" is not "service:Action"`, suggestions: [], ...at };
  }
  const [service, name] = parts;
  if (!/[*?]/.test(service) && !(await serviceExists(service))) {
    return {
      code: 'unknown-service',
      message: `unknown service prefix "${service}" in action "${action}"`,
      suggestions: suggest(service, await allServiceKeys()).map((s) => `${s}:${name}`),
      ...at,
    };
  }
  if (/[*?]/.test(action)) {
    if ((await expandActionPattern(action)).length > 0) return undefined;
    return {
      code: 'action-pattern-matches-nothing',
      message: `action pattern "${action}" matches no known action`,
      suggestions: [],
      ...at,
    };
  }
  if (await actionExists(service, name)) return undefined;
  const known = await actionNames(service);
  return {
    code: 'unknown-action',
    message: `unknown action "${action}": ${service} has no action "${name}"`,
    suggestions: suggest(name, known).map((a) => `${service}:${a}`),
    ...at,
  };
}

function actionsOf(set: PolicySet): Array<{ action: string; path: string }> {
  const out: Array<{ action: string; path: string }> = [];
  const add = (path: string, doc: { Statement?: unknown }): void => {
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    statements.forEach((st: unknown, i) => {
      if (typeof st !== 'object' || st === null) return;
      const s = st as { Action?: unknown; NotAction?: unknown };
      for (const raw of [s.Action, s.NotAction]) {
        const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
        for (const a of list) if (typeof a === 'string') out.push({ action: a, path: `${path}.Statement[${i}]` });
      }
    });
  };
  for (const level of set.scpLevels ?? [])
    for (const p of level.policies) add(`scp[${level.target}][${p.name}]`, p.document);
  for (const p of set.identityPolicies ?? []) add(`identity[${p.name}]`, p.document);
  if (set.permissionBoundary)
    add(`permissionBoundary[${set.permissionBoundary.name}]`, set.permissionBoundary.document);
  if (set.resourcePolicy) add(`resourcePolicy[${set.resourcePolicy.name}]`, set.resourcePolicy.document);
  for (const p of set.sessionPolicies ?? []) add(`sessionPolicies[${p.name}]`, p.document);
  return out;
}

/** Checks the request's action and every action in the policies against the IAM service reference. */
export async function checkActions(request: AccessRequest | undefined, set: PolicySet): Promise<InputError[]> {
  const errors: InputError[] = [];
  const seen = new Map<string, InputError | undefined>();
  const targets = [...(request === undefined ? [] : [{ action: request.action, path: 'action' }]), ...actionsOf(set)];
  for (const { action, path } of targets) {
    const key = action.toLowerCase();
    if (!seen.has(key)) seen.set(key, await checkAction(action));
    const err = seen.get(key);
    if (err !== undefined) errors.push({ ...err, path });
  }
  return errors;
}
