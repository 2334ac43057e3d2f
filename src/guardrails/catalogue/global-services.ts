/**
 * The actions `allowed-regions` never denies. AWS: global services have a single endpoint in us-east-1 (a few in
 * us-west-2), so a region lock that does not exempt them breaks IAM, STS, Organizations, support and billing. This is
 * the NotAction list of AWS's example SCP "Deny access to AWS based on the requested AWS Region" (AWS Organizations
 * User Guide, general examples; also aws-samples/service-control-policy-examples), in AWS's order.
 */
export const AWS_DOCUMENTED_GLOBAL_ACTIONS: readonly string[] = [
  'a4b:*',
  'acm:*',
  'aws-marketplace-management:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'chime:*',
  'cloudfront:*',
  'config:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'fms:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'importexport:*',
  'kms:*',
  'mobileanalytics:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  'route53-recovery-cluster:*',
  'route53-recovery-control-config:*',
  'route53-recovery-readiness:*',
  's3:GetAccountPublic*',
  's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints',
  's3:PutAccountPublic*',
  'shield:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf-regional:*',
  'waf:*',
  'wafv2:*',
  'wellarchitected:*',
];

/**
 * Bulkhead's additions: the fine-grained billing actions that took over from `aws-portal:*` (the Billing console
 * and its APIs), which AWS's example predates. Without them a region lock breaks the billing console.
 */
export const BILLING_ACTIONS: readonly string[] = [
  'billing:*',
  'consolidatedbilling:*',
  'freetier:*',
  'invoicing:*',
  'payments:*',
  'purchase-orders:*',
  'tax:*',
];

export const GLOBAL_ACTIONS: readonly string[] = [...AWS_DOCUMENTED_GLOBAL_ACTIONS, ...BILLING_ACTIONS];
