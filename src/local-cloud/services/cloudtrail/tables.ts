import type { TableName } from '../../store/state.js';
import { defineIndex } from '../../store/store.js';

/** A basic event selector as PutEventSelectors stores it (AWS's defaults filled in). */
export interface EventSelectorRecord {
  ReadWriteType: 'ReadOnly' | 'WriteOnly' | 'All';
  IncludeManagementEvents: boolean;
  DataResources: { Type?: string; Values?: string[] }[];
  ExcludeManagementEventSources: string[];
}

/** One trail, keyed by its ARN (`arn:aws:cloudtrail:<home region>:<owner>:trail/<name>`). */
export interface TrailRecord {
  arn: string;
  name: string;
  accountId: string;
  homeRegion: string;
  s3BucketName: string;
  s3KeyPrefix?: string;
  snsTopicName?: string;
  includeGlobalServiceEvents: boolean;
  isMultiRegionTrail: boolean;
  isOrganizationTrail: boolean;
  /** The organization of an organization trail (its management account owns the trail). */
  organizationId?: string;
  logFileValidationEnabled: boolean;
  kmsKeyId?: string;
  cloudWatchLogsLogGroupArn?: string;
  cloudWatchLogsRoleArn?: string;
  createdAt: number;
  /** Basic selectors; absent with advanced selectors in use. */
  eventSelectors?: EventSelectorRecord[];
  /** Advanced selectors, kept as sent (only their management/readOnly fields filter delivery). */
  advancedEventSelectors?: unknown[];
  hasCustomEventSelectors: boolean;
  tags: Record<string, string>;
  isLogging: boolean;
  startLoggingTime?: number;
  stopLoggingTime?: number;
  latestDeliveryTime?: number;
  latestDeliveryAttemptTime?: number;
  latestDeliveryAttemptSucceeded?: number;
  latestDeliveryError?: string;
}

/** A recorded API call: the CloudTrail record (as delivered) and what LookupEvents filters on. */
export interface CloudTrailEventRecord {
  eventId: string;
  accountId: string;
  region: string;
  time: number;
  eventName: string;
  eventSource: string;
  readOnly: boolean;
  username: string;
  accessKeyId: string;
  /** The record as a log file carries it (one element of `Records`). */
  record: Record<string, unknown>;
}

/** A recorded call waiting for the delivery job, with the trails that were logging it when it happened. */
export interface PendingDeliveryRecord {
  event: CloudTrailEventRecord;
  trailArns: string[];
}

declare module '../../store/state.js' {
  interface Tables {
    cloudtrailTrails: TrailRecord;
    /** Keyed `<account>|<eventId>`: the account's event history (LookupEvents). */
    cloudtrailEvents: CloudTrailEventRecord;
    /** Keyed by event id. */
    cloudtrailPending: PendingDeliveryRecord;
  }
}

export const CLOUDTRAIL_TABLES = [
  'cloudtrailTrails',
  'cloudtrailEvents',
  'cloudtrailPending',
] as const satisfies readonly TableName[];

export const eventKey = (accountId: string, eventId: string): string => `${accountId}|${eventId}`;

/** An account's event history, oldest first (the order records entered it). */
export const eventsByAccount = defineIndex('cloudtrailEvents', (e) => e.accountId);

/** The trails an account owns. */
export const trailsByAccount = defineIndex('cloudtrailTrails', (t) => t.accountId);
