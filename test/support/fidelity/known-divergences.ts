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

const DESCRIBE_ORGANIZATION = 'https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html';

export const KNOWN_DIVERGENCES: readonly KnownDivergence[] = [
  {
    id: 'organization-available-policy-types',
    summary:
      'Organization.AvailablePolicyTypes (CreateOrganization, DescribeOrganization) mirrors the root\'s enabled policy types ([] at first, TAG_POLICY once enabled); AWS lists SCPs only: [{ Type: SERVICE_CONTROL_POLICY, Status: ENABLED }] for an all-features organization',
    doc: DESCRIBE_ORGANIZATION,
    differential: ['create organization', 'describe organization'].map((label) => ({
      label,
      aspect: 'shape Organization.AvailablePolicyTypes',
      moto: 'returns [{ Type: SERVICE_CONTROL_POLICY, Status: ENABLED }]',
      aws: 'present (deprecated member, SCPs only)',
      doc: DESCRIBE_ORGANIZATION,
    })),
  },
];
