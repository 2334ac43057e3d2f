/**
 * The records every service shares (accounts, credentials, the store's own metadata), the `Tables`
 * map and the journal entry. Services declare their own tables into `Tables` from their folder
 * (`services/<name>/tables.ts`). Timestamps are epoch milliseconds. Records are replaced whole
 * through `Store.put`, which is what makes the journal replayable.
 */

export type AccountStatus = 'ACTIVE' | 'PENDING_CLOSURE' | 'SUSPENDED';

/** Any AWS account the local cloud knows, in an organization or standalone. */
export interface AccountRecord {
  id: string;
  email: string;
  name: string;
  status: AccountStatus;
  organizationId: string | null;
  parentId: string | null;
  joinedMethod: 'CREATED' | 'INVITED' | null;
  joinedAt: number | null;
  createdAt: number;
  /** When PENDING_CLOSURE turns into SUSPENDED. */
  closeCompletesAt?: number;
}

/** A credential the SigV4 verifier accepts. */
export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  kind: 'root' | 'assumed-role';
  /** The caller ARN GetCallerIdentity returns. */
  arn: string;
  userId: string;
  sessionToken?: string;
  expiresAt?: number;
  /** For assumed-role sessions, the role ARN (used for trust evaluation and role chaining). */
  roleArn?: string;
}

export interface MetaRecord {
  formatVersion: 1;
  managementAccountId: string;
  adminAccessKeyId: string;
  createdAt: number;
}

/** Table name → record type. Services add their tables by declaration merging. */
export interface Tables {
  meta: MetaRecord;
  accounts: AccountRecord;
  accessKeys: AccessKeyRecord;
}

export type TableName = keyof Tables;

/** The tables no single service owns. */
export const CORE_TABLES = ['meta', 'accounts', 'accessKeys'] as const satisfies readonly TableName[];

/** One journal entry: a whole record written, or a record removed. */
export type Mutation =
  { op: 'put'; table: TableName; key: string; value: unknown } | { op: 'del'; table: TableName; key: string };
