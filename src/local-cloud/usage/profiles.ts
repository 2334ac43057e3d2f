/**
 * What each kind of account spends on, for the local cloud's synthetic bill. Figures are monthly USD before the
 * account's own scale (0.75–1.25×); shares add up to 1 per profile. Service names are the ones Cost Explorer uses in
 * its SERVICE dimension.
 */

export type CostProfileName = 'production' | 'staging' | 'development' | 'sandbox' | 'shared' | 'management' | 'other';

export interface CostProfile {
  monthlyUsd: number;
  /** Saturday and Sunday cost this fraction of a weekday. */
  weekendFactor: number;
  /** The last two days of a month cost this much more (batch jobs, reports); 1 for none. */
  monthEndFactor: number;
  services: readonly { service: string; share: number }[];
}

export const EC2 = 'Amazon Elastic Compute Cloud - Compute';
export const EC2_OTHER = 'EC2 - Other';
export const RDS = 'Amazon Relational Database Service';
export const S3 = 'Amazon Simple Storage Service';
export const LAMBDA = 'AWS Lambda';
export const DYNAMODB = 'Amazon DynamoDB';
export const CLOUDWATCH = 'AmazonCloudWatch';
export const CLOUDFRONT = 'Amazon CloudFront';
export const VPC = 'Amazon Virtual Private Cloud';
export const ELB = 'Amazon Elastic Load Balancing';
export const KMS = 'AWS Key Management Service';
export const CLOUDTRAIL = 'AWS CloudTrail';
export const CONFIG = 'AWS Config';
export const GUARDDUTY = 'Amazon GuardDuty';
export const SECURITY_HUB = 'AWS Security Hub';
export const CODEBUILD = 'AWS CodeBuild';
export const COST_EXPLORER = 'AWS Cost Explorer';

export const COST_PROFILES: Record<CostProfileName, CostProfile> = {
  production: {
    monthlyUsd: 4800,
    weekendFactor: 0.85,
    monthEndFactor: 1.4,
    services: [
      { service: EC2, share: 0.34 },
      { service: RDS, share: 0.2 },
      { service: EC2_OTHER, share: 0.09 },
      { service: S3, share: 0.07 },
      { service: CLOUDFRONT, share: 0.06 },
      { service: LAMBDA, share: 0.05 },
      { service: DYNAMODB, share: 0.05 },
      { service: CLOUDWATCH, share: 0.04 },
      { service: VPC, share: 0.04 },
      { service: ELB, share: 0.03 },
      { service: KMS, share: 0.015 },
      { service: GUARDDUTY, share: 0.015 },
    ],
  },
  staging: {
    monthlyUsd: 1400,
    weekendFactor: 0.6,
    monthEndFactor: 1.15,
    services: [
      { service: EC2, share: 0.38 },
      { service: RDS, share: 0.22 },
      { service: EC2_OTHER, share: 0.1 },
      { service: S3, share: 0.06 },
      { service: LAMBDA, share: 0.06 },
      { service: DYNAMODB, share: 0.05 },
      { service: CLOUDWATCH, share: 0.05 },
      { service: VPC, share: 0.05 },
      { service: ELB, share: 0.03 },
    ],
  },
  development: {
    monthlyUsd: 650,
    weekendFactor: 0.35,
    monthEndFactor: 1,
    services: [
      { service: EC2, share: 0.42 },
      { service: RDS, share: 0.18 },
      { service: EC2_OTHER, share: 0.1 },
      { service: LAMBDA, share: 0.08 },
      { service: S3, share: 0.07 },
      { service: DYNAMODB, share: 0.06 },
      { service: CLOUDWATCH, share: 0.05 },
      { service: VPC, share: 0.04 },
    ],
  },
  sandbox: {
    monthlyUsd: 40,
    weekendFactor: 0.2,
    monthEndFactor: 1,
    services: [
      { service: EC2, share: 0.45 },
      { service: LAMBDA, share: 0.15 },
      { service: S3, share: 0.15 },
      { service: CLOUDWATCH, share: 0.15 },
      { service: DYNAMODB, share: 0.1 },
    ],
  },
  shared: {
    monthlyUsd: 300,
    weekendFactor: 0.9,
    monthEndFactor: 1.1,
    services: [
      { service: S3, share: 0.3 },
      { service: CODEBUILD, share: 0.2 },
      { service: VPC, share: 0.15 },
      { service: GUARDDUTY, share: 0.1 },
      { service: CONFIG, share: 0.1 },
      { service: SECURITY_HUB, share: 0.08 },
      { service: KMS, share: 0.07 },
    ],
  },
  management: {
    monthlyUsd: 60,
    weekendFactor: 1,
    monthEndFactor: 1,
    services: [
      { service: CLOUDTRAIL, share: 0.35 },
      { service: CONFIG, share: 0.25 },
      { service: GUARDDUTY, share: 0.2 },
      { service: COST_EXPLORER, share: 0.1 },
      { service: S3, share: 0.1 },
    ],
  },
  other: {
    monthlyUsd: 250,
    weekendFactor: 0.7,
    monthEndFactor: 1,
    services: [
      { service: EC2, share: 0.5 },
      { service: S3, share: 0.2 },
      { service: LAMBDA, share: 0.15 },
      { service: CLOUDWATCH, share: 0.15 },
    ],
  },
};

const WORDS: readonly [CostProfileName, readonly string[]][] = [
  ['production', ['prod', 'production', 'prd', 'live']],
  ['staging', ['staging', 'stage', 'stg', 'uat', 'preprod', 'qa', 'test']],
  ['development', ['dev', 'development', 'develop']],
  ['sandbox', ['sandbox', 'sbx', 'playground']],
  [
    'shared',
    ['log', 'logs', 'archive', 'security', 'audit', 'network', 'networking', 'build', 'ci', 'shared', 'backup'],
  ],
];

/**
 * The profile of an account, from its `environment` tag and then its name (words split on anything not a letter or
 * digit): `acme-prod` and `environment: production` are production, `sandbox-ana` a sandbox, `log-archive` shared.
 * The management account is its own profile; anything unrecognised is `other`.
 */
export function profileOf(
  account: { name: string; tags: Record<string, string> },
  management: boolean,
): CostProfileName {
  if (management) return 'management';
  for (const text of [account.tags['environment'], account.name]) {
    if (text === undefined) continue;
    const words = new Set(text.toLowerCase().split(/[^a-z0-9]+/));
    for (const [profile, names] of WORDS) if (names.some((w) => words.has(w))) return profile;
  }
  return 'other';
}
