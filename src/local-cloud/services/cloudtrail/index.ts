import type { Operation } from '../registry.js';
import { ANY_RESOURCE, defineService } from '../registry.js';
import { deliveryJob } from './delivery.js';
import { lookupEvents } from './lookup.js';
import { recordCall } from './recording.js';
import * as selectors from './selectors.js';
import { CLOUDTRAIL_TABLES } from './tables.js';
import * as tags from './tags.js';
import * as trails from './trails.js';

// Every operation is authorized against `*`: the resolver does not see the region a trail ARN would name (see
// docs/local-cloud.md, CloudTrail).
const op = (handler: Operation['handler']): Operation => ({ handler, resource: ANY_RESOURCE });

const operations: Record<string, Operation> = {
  CreateTrail: op(trails.createTrail),
  UpdateTrail: op(trails.updateTrail),
  DeleteTrail: op(trails.deleteTrail),
  GetTrail: op(trails.getTrail),
  DescribeTrails: op(trails.describeTrails),
  ListTrails: op(trails.listTrails),
  GetTrailStatus: op(trails.getTrailStatus),
  StartLogging: op(trails.startLogging),
  StopLogging: op(trails.stopLogging),
  PutEventSelectors: op(selectors.putEventSelectors),
  GetEventSelectors: op(selectors.getEventSelectors),
  AddTags: op(tags.addTags),
  RemoveTags: op(tags.removeTags),
  ListTags: op(tags.listTags),
  LookupEvents: op(lookupEvents),
};

/**
 * AWS CloudTrail (awsJson1_1, regional, signing name `cloudtrail`): trails and organization trails, and the local
 * cloud's own API calls recorded as CloudTrail events (observeCalls), delivered as log files into the buckets of
 * the trails that are logging and answered by LookupEvents.
 */
export const cloudTrailService = defineService({
  name: 'cloudtrail',
  protocol: 'json',
  signingName: 'cloudtrail',
  global: false,
  unsignedPayload: false,
  targetPrefix: 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101',
  // SDK v3 sends the Smithy service name alone; AWS answers both.
  targetPrefixAliases: ['CloudTrail_20131101'],
  operations,
  tables: CLOUDTRAIL_TABLES,
  // Written on every call: journaling them would fsync on every read. A kill -9 loses the event history and what
  // was not yet delivered (at most trailDeliverySeconds of calls); a clean close delivers it.
  volatileTables: ['cloudtrailEvents', 'cloudtrailPending'],
  jobs: deliveryJob,
  observeCalls: recordCall,
  throttleError: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 },
  internalError: {
    code: 'InternalFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    status: 500,
  },
});
