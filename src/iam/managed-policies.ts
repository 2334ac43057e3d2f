/**
 * AWS managed policies (PowerUserAccess, ReadOnlyAccess, …) as the evaluator and `validate` see them: a catalogue
 * handed in by the caller. How the documents are stored (the file cache, see `managed-policy-files.ts`) is the
 * caller's business; this module keeps no state of its own.
 */
import { suggest } from '../core/suggest.js';

/** A policy document as JSON (the evaluator's `PolicyDocument` is the same shape). */
export type ManagedPolicyDocument = { Version?: string; Statement?: unknown } & Record<string, unknown>;

export interface ManagedPolicy {
  name: string;
  /** `arn:aws:iam::aws:policy/PowerUserAccess`, `arn:aws:iam::aws:policy/service-role/…` */
  arn: string;
  /** The default (latest) version, e.g. `v12`. */
  versionId: string;
  createDate?: string;
  updateDate?: string;
  document: ManagedPolicyDocument;
}

export interface ManagedPolicyCatalogue {
  /** The policy by name or ARN (latest version), or undefined when AWS has no such policy. Case-sensitive, as in IAM. */
  get(nameOrArn: string): ManagedPolicy | undefined;
  /** Every name, sorted. */
  names(): readonly string[];
  /** Close names for an unknown one: a different case first, then by edit distance (at most 3). */
  suggest(nameOrArn: string): string[];
}

/** One entry of a catalogue's index; `read` loads its document when first asked. */
export interface ManagedPolicyEntry {
  arn: string;
  versionId: string;
  createDate?: string;
  updateDate?: string;
}

/** Accepts a name (`PowerUserAccess`) or an ARN (`arn:aws:iam::aws:policy/PowerUserAccess`, with any path). */
export function managedPolicyNameOf(nameOrArn: string): string {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(nameOrArn);
  return m ? m[1]! : nameOrArn;
}

/**
 * A catalogue over an index of entries; each document is read once (the same object is returned on every call, so
 * compiled policies are shared: do not modify it).
 */
export function createManagedPolicyCatalogue(
  index: Readonly<Record<string, ManagedPolicyEntry>>,
  read: (name: string, entry: ManagedPolicyEntry) => ManagedPolicyDocument,
): ManagedPolicyCatalogue {
  const loaded = new Map<string, ManagedPolicy>();
  let sorted: string[] | undefined;
  let byLower: Map<string, string> | undefined;
  return {
    get(nameOrArn) {
      const name = managedPolicyNameOf(nameOrArn);
      const hit = loaded.get(name);
      if (hit !== undefined) return hit;
      const entry = Object.hasOwn(index, name) ? index[name] : undefined;
      if (entry === undefined) return undefined;
      const policy: ManagedPolicy = {
        name,
        arn: entry.arn,
        versionId: entry.versionId,
        ...(entry.createDate === undefined ? {} : { createDate: entry.createDate }),
        ...(entry.updateDate === undefined ? {} : { updateDate: entry.updateDate }),
        document: read(name, entry),
      };
      loaded.set(name, policy);
      return policy;
    },
    names() {
      sorted ??= Object.keys(index).sort();
      return sorted;
    },
    suggest(nameOrArn) {
      const name = managedPolicyNameOf(nameOrArn);
      byLower ??= new Map(Object.keys(index).map((n) => [n.toLowerCase(), n]));
      const exactCase = byLower.get(name.toLowerCase());
      const near = suggest(name, Object.keys(index));
      return [...new Set([...(exactCase === undefined || exactCase === name ? [] : [exactCase]), ...near])].slice(0, 3);
    },
  };
}
