import { ANY_RESOURCE, defineService } from '../registry.js';
import { AWS_QUERY_ERRORS } from './common.js';
import { listMetrics } from './list-metrics.js';
import { getMetricData } from './metric-data.js';
import { getMetricStatistics } from './metric-statistics.js';
import { CLOUDWATCH_TABLES } from './tables.js';

/**
 * Amazon CloudWatch (signing name monitoring), for the quota usage metrics only (QUOTA_CATALOGUE): botocore speaks
 * Smithy RPC v2 CBOR to it, SDK v3 awsJson1_0 (both awsQueryCompatible, so errors carry `x-amzn-query-error`).
 * Read-only: no PutMetricData, no alarms; values come from src/local-cloud/usage/quota-usage.ts.
 */
export const cloudWatchService = defineService({
  name: 'cloudwatch',
  protocol: 'json',
  jsonVersion: '1.0',
  rpcV2Cbor: true,
  targetPrefix: 'GraniteServiceVersion20100801',
  awsQueryErrors: AWS_QUERY_ERRORS,
  signingName: 'monitoring',
  global: false,
  unsignedPayload: false,
  operations: {
    GetMetricData: { handler: getMetricData, resource: ANY_RESOURCE },
    GetMetricStatistics: { handler: getMetricStatistics, resource: ANY_RESOURCE },
    ListMetrics: { handler: listMetrics, resource: ANY_RESOURCE },
  },
  tables: CLOUDWATCH_TABLES,
  throttleError: { code: 'Throttling', message: 'Rate exceeded', status: 400 },
  internalError: { code: 'InternalServiceFault', message: 'Internal service error.', status: 500 },
});
