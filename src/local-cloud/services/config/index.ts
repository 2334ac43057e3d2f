import { ANY_RESOURCE, defineService } from '../registry.js';
import {
  deleteConfigurationAggregator,
  describeConfigurationAggregators,
  putConfigurationAggregator,
} from './aggregators.js';
import { describeConfigurationRecorders, putConfigurationRecorder } from './recorders.js';
import { CONFIG_TABLES } from './tables.js';

/**
 * AWS Config (awsJson1_1, X-Amz-Target prefix StarlingDoveService, signing name config): the configuration recorder
 * and configuration aggregators, an organization one allowed from the management account or Config's delegated administrator. Nothing is recorded
 * or aggregated: the configuration is kept as the API reports it.
 */
export const configService = defineService({
  name: 'config',
  protocol: 'json',
  signingName: 'config',
  targetPrefix: 'StarlingDoveService',
  global: false,
  unsignedPayload: false,
  operations: {
    PutConfigurationAggregator: { handler: putConfigurationAggregator, resource: ANY_RESOURCE },
    DescribeConfigurationAggregators: { handler: describeConfigurationAggregators, resource: ANY_RESOURCE },
    DeleteConfigurationAggregator: { handler: deleteConfigurationAggregator, resource: ANY_RESOURCE },
    PutConfigurationRecorder: { handler: putConfigurationRecorder, resource: ANY_RESOURCE },
    DescribeConfigurationRecorders: { handler: describeConfigurationRecorders, resource: ANY_RESOURCE },
  },
  tables: CONFIG_TABLES,
  throttleError: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 },
  internalError: { code: 'InternalFailure', message: 'An internal error occurred.', status: 500 },
});
