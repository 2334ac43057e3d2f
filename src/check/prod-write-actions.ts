/**
 * The write actions that stand for "can change production" in prod-writers: deleting or replacing what customers
 * use, in the services most workloads run on. Any one allowed counts.
 */
export const PROD_WRITE_ACTIONS: readonly string[] = [
  'ec2:TerminateInstances',
  's3:DeleteBucket',
  'dynamodb:DeleteTable',
  'rds:DeleteDBInstance',
  'lambda:UpdateFunctionCode',
  'cloudformation:DeleteStack',
];
