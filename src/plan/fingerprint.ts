import { createHash } from 'node:crypto';
import { byCodePoint, canonicalJson } from '../core/canonical-json.js';
import { KINDS } from '../model/kinds.js';
import type { ObservedState } from '../model/observed.js';

function sorted(records: readonly unknown[]): string[] {
  return records.map((r) => canonicalJson(r)).sort(byCodePoint);
}

/**
 * A hash of everything a plan depends on: every kind's records (and pending requests), each in
 * code-point order of its canonical JSON, so the same state gives the same value on any machine.
 */
export function stateFingerprint(observed: ObservedState): string {
  const stable: Record<string, string[]> = {};
  for (const kind of KINDS) stable[kind] = sorted(observed[kind]);
  stable['pending.createAccount'] = sorted(observed.pending.createAccount);
  if (observed.pending.assignments.length > 0) stable['pending.assignments'] = sorted(observed.pending.assignments);
  return `sha256:${createHash('sha256').update(canonicalJson(stable)).digest('hex')}`;
}

export function specHash(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
