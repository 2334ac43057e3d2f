import type { CostProfileName } from './profiles.js';

/**
 * The service quotas the local cloud knows: Service Quotas lists them (defaults, per-account applied values), and
 * CloudWatch answers their usage metrics. Codes, names, defaults and usage metrics are AWS's (verify new entries with
 * the search tool; moto's service-quotas data has VPC's). Service Quotas owns this list; CloudWatch only reads it.
 * Ordered by service code, then quota code, as Service Quotas lists them.
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
    serviceCode: 'cloudformation',
    serviceName: 'AWS CloudFormation',
    quotaCode: 'L-0485CB21',
    quotaName: 'Stack count',
    defaultValue: 2000,
    unit: 'None',
    adjustable: true,
    global: false,
  },
  {
    serviceCode: 'dynamodb',
    serviceName: 'Amazon DynamoDB',
    quotaCode: 'L-F98FE922',
    quotaName: 'Maximum number of tables',
    defaultValue: 2500,
    unit: 'None',
    adjustable: true,
    global: false,
  },
  {
    serviceCode: 'ec2',
    serviceName: 'Amazon Elastic Compute Cloud (Amazon EC2)',
    quotaCode: 'L-0263D0A3',
    quotaName: 'EC2-VPC Elastic IPs',
    defaultValue: 5,
    unit: 'None',
    adjustable: true,
    global: false,
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
    serviceCode: 'elasticloadbalancing',
    serviceName: 'Elastic Load Balancing (ELB)',
    quotaCode: 'L-53DA6B97',
    quotaName: 'Application Load Balancers per Region',
    defaultValue: 50,
    unit: 'None',
    adjustable: true,
    global: false,
  },
  {
    serviceCode: 'iam',
    serviceName: 'AWS Identity and Access Management (IAM)',
    quotaCode: 'L-E95E4862',
    quotaName: 'Customer managed policies per account',
    defaultValue: 1500,
    unit: 'None',
    adjustable: true,
    global: true,
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
    serviceCode: 'lambda',
    serviceName: 'AWS Lambda',
    quotaCode: 'L-2ACBD22F',
    quotaName: 'Function and layer storage',
    defaultValue: 75,
    unit: 'Gigabytes',
    adjustable: true,
    global: false,
  },
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
    serviceCode: 'organizations',
    serviceName: 'AWS Organizations',
    quotaCode: 'L-29A0C5DF',
    quotaName: 'Default maximum number of accounts',
    defaultValue: 10,
    unit: 'None',
    adjustable: true,
    global: true,
  },
  {
    serviceCode: 'rds',
    serviceName: 'Amazon Relational Database Service (Amazon RDS)',
    quotaCode: 'L-7B6409FD',
    quotaName: 'DB instances',
    defaultValue: 40,
    unit: 'None',
    adjustable: true,
    global: false,
  },
  {
    serviceCode: 's3',
    serviceName: 'Amazon Simple Storage Service (Amazon S3)',
    quotaCode: 'L-DC2B2D3D',
    quotaName: 'General purpose buckets',
    defaultValue: 10000,
    unit: 'None',
    adjustable: true,
    global: false,
  },
  {
    serviceCode: 'vpc',
    serviceName: 'Amazon Virtual Private Cloud (Amazon VPC)',
    quotaCode: 'L-407747CB',
    quotaName: 'Subnets per VPC',
    defaultValue: 200,
    unit: 'None',
    adjustable: true,
    global: false,
  },
  {
    serviceCode: 'vpc',
    serviceName: 'Amazon Virtual Private Cloud (Amazon VPC)',
    quotaCode: 'L-A4707A72',
    quotaName: 'Internet gateways per Region',
    defaultValue: 5,
    unit: 'None',
    adjustable: true,
    global: false,
  },
  {
    serviceCode: 'vpc',
    serviceName: 'Amazon Virtual Private Cloud (Amazon VPC)',
    quotaCode: 'L-E79EC296',
    quotaName: 'VPC security groups per Region',
    defaultValue: 2500,
    unit: 'None',
    adjustable: true,
    global: false,
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
  {
    serviceCode: 'vpc',
    serviceName: 'Amazon Virtual Private Cloud (Amazon VPC)',
    quotaCode: 'L-FE5A380F',
    quotaName: 'NAT gateways per Availability Zone',
    defaultValue: 5,
    unit: 'None',
    adjustable: true,
    global: false,
  },
];
