/** Compiles a whole PolicySet (cached per PolicySet object: treat policy sets as immutable once evaluated). */
import { compilePolicy, type CompiledPolicy } from './compile-policy.js';
import type { InputError, PolicySet } from './types.js';

export interface CompiledPolicySet {
  scpLevels: Array<{ target: string; policies: CompiledPolicy[] }>;
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  resource?: CompiledPolicy;
  session?: CompiledPolicy[];
  errors: InputError[];
}

const cache = new WeakMap<PolicySet, CompiledPolicySet>();

export function compilePolicySet(set: PolicySet): CompiledPolicySet {
  const hit = cache.get(set);
  if (hit !== undefined) return hit;
  const errors: InputError[] = [];
  const take = (p: CompiledPolicy): CompiledPolicy => {
    errors.push(...p.errors);
    return p;
  };
  const compiled: CompiledPolicySet = {
    scpLevels: (set.scpLevels ?? []).map((level) => ({
      target: level.target,
      policies: level.policies.map((p) => take(compilePolicy(p, 'scp', `scp[${level.target}][${p.name}]`))),
    })),
    identity: (set.identityPolicies ?? []).map((p) => take(compilePolicy(p, 'identity', `identity[${p.name}]`))),
    errors,
  };
  if (set.permissionBoundary !== undefined) {
    compiled.boundary = take(
      compilePolicy(set.permissionBoundary, 'identity', `permissionBoundary[${set.permissionBoundary.name}]`),
    );
  }
  if (set.resourcePolicy !== undefined) {
    compiled.resource = take(
      compilePolicy(set.resourcePolicy, 'resource', `resourcePolicy[${set.resourcePolicy.name}]`),
    );
  }
  // An empty list means the session carries no session policy, so nothing limits it.
  if (set.sessionPolicies !== undefined && set.sessionPolicies.length > 0) {
    compiled.session = set.sessionPolicies.map((p) => take(compilePolicy(p, 'identity', `sessionPolicies[${p.name}]`)));
  }
  cache.set(set, compiled);
  return compiled;
}
