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

// Fixed so far: organization-available-policy-types (regression test in known-divergences.test.ts).
export const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [
  {
    id: 'identitystore-unique-attribute-paths',
    summary:
      'GetUserId refuses the unique attribute path userName and GetGroupId displayName (ValidationException); the local cloud wants UserName and DisplayName',
    doc: 'https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_GetUserId.html ("the only valid paths are userName and emails.value") and API_GetGroupId.html ("the only valid path is displayName")',
    differential: ['user id by user name', 'group id by display name'].map((label) => ({
      label,
      aspect: 'outcome',
      moto: 'ok (as AWS)',
      aws: 'ok',
      doc: 'https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_GetUserId.html',
    })),
  },
];
