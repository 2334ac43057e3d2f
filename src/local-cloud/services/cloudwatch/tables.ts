import type { TableName } from '../../store/state.js';
import type { UsageLoad } from '../../usage/quota-usage.js';

/** A load test run on one account (`bulkhead local load`), kept after it ends: its datapoints stay in the history. */
export type UsageLoadRecord = UsageLoad;

declare module '../../store/state.js' {
  interface Tables {
    cloudwatchLoads: UsageLoadRecord;
  }
}

export const CLOUDWATCH_TABLES = ['cloudwatchLoads'] as const satisfies readonly TableName[];

export const loadKey = (l: Pick<UsageLoad, 'accountId' | 'quotaCode' | 'startsAt'>): string =>
  `${l.accountId}|${l.quotaCode}|${l.startsAt}`;
