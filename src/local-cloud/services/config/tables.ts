import type { TableName } from '../../store/state.js';

/** The configuration AWS Config keeps (no resources are recorded). Regional, as in AWS. */

export interface OrganizationAggregationSourceRecord {
  RoleArn: string;
  AwsRegions?: string[];
  AllAwsRegions?: boolean;
}

export interface AccountAggregationSourceRecord {
  AccountIds: string[];
  AwsRegions?: string[];
  AllAwsRegions?: boolean;
}

/** A configuration aggregator, keyed `<account>|<region>|<name>`. */
export interface ConfigAggregatorRecord {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  organizationSource?: OrganizationAggregationSourceRecord;
  accountSources?: AccountAggregationSourceRecord[];
  createdAt: number;
  updatedAt: number;
}

/** The configuration recorder of an account in one region (AWS allows one), keyed `<account>|<region>`. */
export interface ConfigRecorderRecord {
  accountId: string;
  region: string;
  name: string;
  roleARN: string;
  recordingGroup: {
    allSupported: boolean;
    includeGlobalResourceTypes: boolean;
    resourceTypes: string[];
    exclusionByResourceTypes: { resourceTypes: string[] };
    recordingStrategy: { useOnly: string };
  };
  recordingMode: { recordingFrequency: 'CONTINUOUS' | 'DAILY' };
}

declare module '../../store/state.js' {
  interface Tables {
    configAggregators: ConfigAggregatorRecord;
    configRecorders: ConfigRecorderRecord;
  }
}

export const CONFIG_TABLES = ['configAggregators', 'configRecorders'] as const satisfies readonly TableName[];

export const aggregatorKey = (accountId: string, region: string, name: string): string =>
  `${accountId}|${region}|${name}`;
