/**
 * The policies a permission set puts on its role in each account: AWS managed policies, the inline policy and the
 * permission boundary. Resolved once per permission set and shared (same objects), so the evaluator compiles each
 * document once however many accounts and groups use it.
 */
import type { Identity, PermissionSet } from '../model/organization.js';
import type { ManagedPolicyCatalogue } from '../iam/managed-policies.js';
import type { NamedPolicy, PolicyDocument } from './types.js';

export interface PermissionSetPolicies {
  name: string;
  identityPolicies: NamedPolicy[];
  permissionBoundary?: NamedPolicy;
  /** Limits of the answer, e.g. a customer-managed boundary whose document lives in each account. */
  notes: string[];
}

export interface UnknownManagedPolicy {
  permissionSet: string;
  policy: string;
  suggestions: string[];
}

export class PermissionSetResolver {
  private readonly cache = new Map<string, PermissionSetPolicies>();
  readonly problems: UnknownManagedPolicy[] = [];

  /** `managed`: the AWS managed policies, from the IAM reference (the caller opens the catalogue). */
  constructor(
    private readonly identity: Pick<Identity, 'permissionSets'>,
    private readonly catalogue: ManagedPolicyCatalogue,
  ) {}

  /** Undefined when the spec has no such permission set. */
  get(name: string): PermissionSetPolicies | undefined {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    const ps = this.identity.permissionSets.get(name);
    if (ps === undefined) return undefined;
    const resolved = this.resolve(ps);
    this.cache.set(name, resolved);
    return resolved;
  }

  private managed(ps: PermissionSet, policy: string): NamedPolicy | undefined {
    const found = this.catalogue.get(policy);
    if (found === undefined) {
      this.problems.push({ permissionSet: ps.name, policy, suggestions: this.catalogue.suggest(policy) });
      return undefined;
    }
    return managedNamedPolicy(found.name, found.document as PolicyDocument);
  }

  private resolve(ps: PermissionSet): PermissionSetPolicies {
    const identityPolicies: NamedPolicy[] = [];
    const notes: string[] = [];
    for (const m of ps.managedPolicies) {
      const p = this.managed(ps, m);
      if (p !== undefined) identityPolicies.push(p);
    }
    for (const c of ps.customerManagedPolicies)
      notes.push(
        `the customer managed policy ${c.path}${c.name} is defined in each account, not in the spec; it is not evaluated`,
      );
    if (ps.inlinePolicy !== undefined)
      identityPolicies.push({ name: `${ps.name} (inline)`, document: ps.inlinePolicy as PolicyDocument });
    const result: PermissionSetPolicies = { name: ps.name, identityPolicies, notes };
    const boundary = ps.permissionBoundary;
    if (boundary?.managedPolicy !== undefined) {
      const p = this.managed(ps, boundary.managedPolicy);
      if (p !== undefined) result.permissionBoundary = p;
    } else if (boundary?.customerManagedPolicy !== undefined) {
      notes.push(
        `the permission boundary ${boundary.customerManagedPolicy} is a customer managed policy defined in each account, not in the spec; it is not evaluated`,
      );
    }
    return result;
  }
}

const namedManaged = new WeakMap<PolicyDocument, NamedPolicy>();

/** One NamedPolicy per managed policy document (the catalogue returns the same object), so its compiled form is shared. */
function managedNamedPolicy(name: string, document: PolicyDocument): NamedPolicy {
  let p = namedManaged.get(document);
  if (p === undefined) namedManaged.set(document, (p = { name, document }));
  return p;
}
