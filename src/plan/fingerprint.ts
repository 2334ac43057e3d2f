import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.js';
import type { ObservedOrg } from '../model/observed.js';

function sortedBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => key(a).localeCompare(key(b)));
}

/** A hash of everything a plan depends on; the same organization always gives the same value. */
export function stateFingerprint(observed: ObservedOrg): string {
  const stable = {
    ...observed,
    organizationalUnits: sortedBy(observed.organizationalUnits, (o) => o.id),
    accounts: sortedBy(observed.accounts, (a) => a.id),
    policies: sortedBy(observed.policies, (p) => p.id).map((p) => ({ ...p, targetIds: [...p.targetIds].sort() })),
    pendingCreates: sortedBy(observed.pendingCreates, (p) => p.requestId),
  };
  return `sha256:${createHash('sha256').update(canonicalJson(stable)).digest('hex')}`;
}

export function specHash(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
