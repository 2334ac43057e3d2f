import type { TableName } from '../../store/state.js';

/** A cost allocation tag key whose status the payer changed, keyed by `<payer account>|<tag key>`. */
export interface CostAllocationTagRecord {
  payerAccountId: string;
  tagKey: string;
  status: 'Active' | 'Inactive';
  /** When the status last changed (epoch ms). */
  updatedAt: number;
}

/** When an account's closure was requested (Organizations CloseAccount, observed): its bill stops that day. */
export interface CostClosureRecord {
  accountId: string;
  closedAt: number;
}

declare module '../../store/state.js' {
  interface Tables {
    ceAllocationTags: CostAllocationTagRecord;
    ceClosures: CostClosureRecord;
  }
}

export const CE_TABLES = ['ceAllocationTags', 'ceClosures'] as const satisfies readonly TableName[];
