import type { Operation } from '../registry.js';
import { ANY_RESOURCE, defineService } from '../registry.js';
import { listCostAllocationTags, updateCostAllocationTagsStatus } from './allocation-tags.js';
import { noteClosures } from './closures.js';
import { getCostAndUsage } from './cost-and-usage.js';
import { getDimensionValues, getTags } from './dimensions.js';
import { getCostForecast } from './forecast.js';
import { CE_TABLES } from './tables.js';

// Service Authorization Reference: these Cost Explorer actions have no resource type (`*`).
const op = (handler: Operation['handler']): Operation => ({ handler, resource: ANY_RESOURCE });

/**
 * AWS Cost Explorer (awsJson1_1): global, served from us-east-1, signing name `ce`. It reads the local cloud's
 * synthetic bill (src/local-cloud/usage): deterministic costs per account, service and day from the cost seed.
 */
export const costExplorerService = defineService({
  name: 'ce',
  protocol: 'json',
  signingName: 'ce',
  global: true,
  unsignedPayload: false,
  targetPrefix: 'AWSInsightsIndexService',
  operations: {
    GetCostAndUsage: op(getCostAndUsage),
    GetCostForecast: op(getCostForecast),
    GetDimensionValues: op(getDimensionValues),
    GetTags: op(getTags),
    ListCostAllocationTags: op(listCostAllocationTags),
    UpdateCostAllocationTagsStatus: op(updateCostAllocationTagsStatus),
  },
  tables: CE_TABLES,
  observeCalls: noteClosures,
  // The model's throttling error: "You made too many calls in a short period of time. Try again later."
  throttleError: {
    code: 'LimitExceededException',
    message: 'You made too many calls in a short period of time. Try again later.',
    status: 400,
  },
  internalError: { code: 'InternalServerException', message: 'An internal error occurred.', status: 500 },
});
