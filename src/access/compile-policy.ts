/**
 * Compiles policy documents once: statements pre-parsed, wildcard patterns pre-compiled, conditions bound to
 * their operator. Cached per document object, so bulk evaluation over the same policies does no parsing.
 */
import { compileConditions, type CompiledCondition } from './conditions/compile-condition.js';
import { compileActionPatterns, type ActionMatcher } from './match-action.js';
import { compilePrincipal, type CompiledPrincipal } from './match-principal.js';
import { compileResourcePatterns, type ResourceMatcher } from './match-resource.js';
import type { InputError, NamedPolicy, PolicyDocument, PolicyStatement } from './types.js';

export type PolicyKind = 'identity' | 'resource' | 'scp';

export interface CompiledStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Tests the lowercased action; already inverted for NotAction. */
  action: ActionMatcher;
  notAction: boolean;
  resource: ResourceMatcher;
  notResource: boolean;
  /** Resource policies only. */
  principal?: CompiledPrincipal;
  notPrincipal: boolean;
  conditions: CompiledCondition[];
}

export interface CompiledPolicy {
  name: string;
  statements: CompiledStatement[];
  errors: InputError[];
}

const ACTION_SHAPE = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+)$/;

function list(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

function compileStatement(
  st: PolicyStatement,
  index: number,
  kind: PolicyKind,
  variables: boolean,
  path: string,
  errors: InputError[],
): CompiledStatement | undefined {
  const here = `${path}.Statement[${index}]`;
  if (typeof st !== 'object' || st === null) {
    errors.push({ code: 'invalid-policy', message: `${here} is not an object`, suggestions: [], path: here });
    return undefined;
  }
  const before = errors.length;
  const fail = (message: string, suggestions: string[] = []): void => {
    errors.push({ code: 'invalid-policy', message: `${here}: ${message}`, suggestions, path: here });
  };
  if (st.Effect !== 'Allow' && st.Effect !== 'Deny') {
    fail(`Effect must be "Allow" or "Deny", got ${JSON.stringify(st.Effect)}`, ['Allow', 'Deny']);
  }
  const actions = list(st.Action);
  const notActions = list(st.NotAction);
  if ((actions === undefined) === (notActions === undefined)) fail('needs exactly one of Action or NotAction');
  for (const a of actions ?? notActions ?? []) {
    if (typeof a !== 'string' || !ACTION_SHAPE.test(a)) {
      errors.push({
        code: 'invalid-action',
        message: `${here}: action "${String(a)}" is not "service:Action"`,
        suggestions: [],
        path: here,
      });
    }
  }
  const resources = list(st.Resource);
  const notResources = list(st.NotResource);
  // AWS: "Statements must include either a Resource or a NotResource element" (role trust policies, which
  // omit it, are not evaluated here).
  if ((resources === undefined) === (notResources === undefined)) fail('needs exactly one of Resource or NotResource');
  if (kind === 'resource' && st.Principal === undefined && st.NotPrincipal === undefined) {
    fail('a resource policy statement needs Principal or NotPrincipal');
  }
  if (kind !== 'resource' && (st.Principal !== undefined || st.NotPrincipal !== undefined)) {
    fail('Principal and NotPrincipal are only allowed in resource policies');
  }
  const conditions = compileConditions(st.Condition, here, errors);
  if (errors.length > before) return undefined;
  const principalElement = st.Principal ?? st.NotPrincipal;
  const statement: CompiledStatement = {
    index,
    effect: st.Effect as 'Allow' | 'Deny',
    action: compileActionPatterns(actions ?? notActions ?? []),
    notAction: notActions !== undefined,
    resource: compileResourcePatterns(resources ?? notResources ?? [], variables),
    notResource: notResources !== undefined,
    notPrincipal: st.NotPrincipal !== undefined,
    conditions,
  };
  if (typeof st.Sid === 'string') statement.sid = st.Sid;
  if (kind === 'resource' && principalElement !== undefined) statement.principal = compilePrincipal(principalElement);
  return statement;
}

const cache = new WeakMap<PolicyDocument, Map<string, CompiledPolicy>>();

/** Compiles (or fetches from the cache) one named policy. `path` names it in error messages. */
export function compilePolicy(policy: NamedPolicy, kind: PolicyKind, path: string): CompiledPolicy {
  const doc = policy.document;
  const cacheKey = `${kind}\u0000${policy.name}\u0000${path}`;
  let perDoc = typeof doc === 'object' && doc !== null ? cache.get(doc) : undefined;
  const hit = perDoc?.get(cacheKey);
  if (hit !== undefined) return hit;
  const errors: InputError[] = [];
  const statements: CompiledStatement[] = [];
  if (typeof doc !== 'object' || doc === null || doc.Statement === undefined) {
    errors.push({
      code: 'invalid-policy',
      message: `${path}: policy "${policy.name}" has no Statement`,
      suggestions: [],
      path,
    });
  } else {
    // AWS: policy variables are only substituted under Version 2012-10-17; older policies read `${…}` literally.
    const variables = doc.Version === '2012-10-17';
    const raw = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    raw.forEach((st, i) => {
      const compiled = compileStatement(st, i, kind, variables, path, errors);
      if (compiled !== undefined) statements.push(compiled);
    });
  }
  const compiled: CompiledPolicy = { name: policy.name, statements, errors };
  if (typeof doc === 'object' && doc !== null) {
    if (perDoc === undefined) {
      perDoc = new Map();
      cache.set(doc, perDoc);
    }
    perDoc.set(cacheKey, compiled);
  }
  return compiled;
}
