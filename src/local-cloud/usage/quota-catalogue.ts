import type { CostProfileName } from './profiles.js';

/**
 * The service quotas the local cloud knows: Service Quotas lists them (defaults, per-account applied values), and
 * CloudWatch answers their usage metrics. Codes, names, defaults and usage metrics are AWS's (verify new entries with
 * the search tool; moto's service-quotas data has VPC's). Service Quotas owns this list; CloudWatch only reads it.
 */

/** A CloudWatch metric that reports a quota's usage, as Service Quotas' UsageMetric names it. */
export interface UsageMetricRef {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  /** MetricStatisticRecommendation: Maximum, Sum… */
  statistic: string;
}

/**
 * Where the local cloud's usage number comes from: a count of real records in the store (what an account really
 * created through the local cloud's APIs), or a seeded synthetic level per cost profile (a fraction of the default
 * value, varying through the day) for services the local cloud does not run.
 */
export type UsageSource =
  | { kind: 'count'; of: 'iam-roles' | 'iam-managed-policies' | 's3-buckets' | 'organization-accounts' }
  | { kind: 'synthetic'; peakFraction: Partial<Record<CostProfileName, number>> };

export interface QuotaDefinition {
  serviceCode: string;
  serviceName: string;
  quotaCode: string;
  quotaName: string;
  defaultValue: number;
  unit: string;
  adjustable: boolean;
  /** Global quotas (IAM, Organizations) have one value per account, whatever the region. */
  global: boolean;
  usage?: { metric: UsageMetricRef; source: UsageSource };
}

export const QUOTA_CATALOGUE: readonly QuotaDefinition[] = [
  {
    serviceCode: 'lambda',
    serviceName: 'AWS Lambda',
    quotaCode: 'L-B99A9384',
    quotaName: 'Concurrent executions',
    defaultValue: 1000,
    unit: 'None',
    adjustable: true,
    global: false,
    usage: {
      metric: { namespace: 'AWS/Lambda', name: 'ConcurrentExecutions', dimensions: {}, statistic: 'Maximum' },
      source: {
        kind: 'synthetic',
        peakFraction: { production: 0.45, staging: 0.12, development: 0.06, sandbox: 0.01 },
      },
    },
  },
  {
    serviceCode: 'ec2',
    serviceName: 'Amazon Elastic Compute Cloud (Amazon EC2)',
    quotaCode: 'L-1216C47A',
    quotaName: 'Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances',
    defaultValue: 5,
    unit: 'None',
    adjustable: true,
    global: false,
    usage: {
      metric: {
        namespace: 'AWS/Usage',
        name: 'ResourceCount',
        dimensions: { Service: 'EC2', Type: 'Resource', Resource: 'vCPU', Class: 'Standard/OnDemand' },
        statistic: 'Maximum',
      },
      source: { kind: 'synthetic', peakFraction: { production: 0.8, staging: 0.4, development: 0.4, sandbox: 0.2 } },
    },
  },
  {
    serviceCode: 'iam',
    serviceName: 'AWS Identity and Access Management (IAM)',
    quotaCode: 'L-FE177D64',
    quotaName: 'Roles per account',
    defaultValue: 1000,
    unit: 'None',
    adjustable: true,
    global: true,
  },
  {
    serviceCode: 'vpc',
    serviceName: 'Amazon Virtual Private Cloud (Amazon VPC)',
    quotaCode: 'L-F678F1CE',
    quotaName: 'VPCs per Region',
    defaultValue: 5,
    unit: 'None',
    adjustable: true,
    global: false,
  },
];
