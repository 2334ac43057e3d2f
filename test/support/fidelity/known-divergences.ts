import type { DeliberateDifference } from './differential.js';

/**
 * Where the local cloud departs from AWS: bugs of ours, reported to the emulator and asserted
 * with `it.fails` in test/fidelity/known-divergences.test.ts. `differential` lists the aspects of
 * the moto comparison that the divergence would otherwise fail (moto does what AWS does there).
 * Remove an entry when the emulator is fixed: its `it.fails` test then fails until you do.
 */
export interface KnownDivergence {
  id: string;
  summary: string;
  doc: string;
  differential: DeliberateDifference[];
}

// Fixed so far: organization-available-policy-types, identitystore-unique-attribute-paths (regression tests in
// known-divergences.test.ts).
export const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [];
