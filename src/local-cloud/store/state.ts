/**
 * The records the local cloud keeps, one interface per table. Timestamps are epoch milliseconds.
 * Records are replaced whole through `Store.put`, which is what makes the journal replayable.
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

export interface OrganizationRecord {
  id: string;
  managementAccountId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  rootId: string;
  createdAt: number;
  /** Service principal → when trusted access was enabled. */
  serviceAccess: Record<string, number>;
  /** Closure times of member accounts, for the rolling 30-day closure quota. */
  closures: number[];
}

export interface RootRecord {
  id: string;
  name: string;
  /** Policy types enabled on this root. */
  policyTypes: string[];
}

export interface OuRecord {
  id: string;
  name: string;
  parentId: string;
}

export interface PolicyRecord {
  id: string;
  /** null for AWS managed policies, which every organization shares. */
  organizationId: string | null;
  name: string;
  description: string;
  type: string;
  content: string;
  awsManaged: boolean;
}

/** The policies attached to one target (root, OU or account), keyed by target id. */
export interface AttachmentRecord {
  targetId: string;
  policyIds: string[];
}

export interface TagsRecord {
  resourceId: string;
  tags: Record<string, string>;
}

export interface CreateAccountStatusRecord {
  id: string;
  organizationId: string;
  accountName: string;
  email: string;
  roleName: string;
  tags: Record<string, string>;
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  requestedAt: number;
  completesAt: number;
  completedAt?: number;
  accountId?: string;
  failureReason?: string;
}

export interface HandshakeRecord {
  id: string;
  organizationId: string;
  managementAccountId: string;
  targetType: 'ACCOUNT' | 'EMAIL';
  targetId: string;
  /** The invited account, when the target resolves to one. */
  accountId: string | null;
  notes: string;
  state: 'REQUESTED' | 'OPEN' | 'CANCELED' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';
  requestedAt: number;
  expiresAt: number;
}

export interface DelegatedAdminRecord {
  accountId: string;
  servicePrincipal: string;
  enabledAt: number;
}

export interface RoleRecord {
  accountId: string;
  roleId: string;
  name: string;
  path: string;
  description: string;
  assumeRolePolicyDocument: string;
  maxSessionDuration: number;
  createdAt: number;
  tags: Record<string, string>;
  inlinePolicies: Record<string, string>;
  attachedPolicyArns: string[];
  /** The managed policy that caps the role's permissions (PutRolePermissionsBoundary). */
  permissionsBoundaryArn?: string;
}

/** An IAM user; users have no credentials in the local cloud (no CreateAccessKey), only an identity. */
export interface UserRecord {
  accountId: string;
  userId: string;
  name: string;
  path: string;
  createdAt: number;
  tags: Record<string, string>;
}

export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  createdAt: number;
}

export interface ManagedPolicyRecord {
  accountId: string;
  arn: string;
  policyId: string;
  name: string;
  path: string;
  description: string;
  createdAt: number;
  updatedAt: number;
  defaultVersionId: string;
  versions: PolicyVersionRecord[];
  nextVersion: number;
  tags: Record<string, string>;
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

/** Table name → record type. */
export interface Tables {
  meta: MetaRecord;
  accounts: AccountRecord;
  organizations: OrganizationRecord;
  roots: RootRecord;
  ous: OuRecord;
  policies: PolicyRecord;
  attachments: AttachmentRecord;
  tags: TagsRecord;
  createAccountStatus: CreateAccountStatusRecord;
  handshakes: HandshakeRecord;
  delegatedAdmins: DelegatedAdminRecord;
  roles: RoleRecord;
  users: UserRecord;
  managedPolicies: ManagedPolicyRecord;
  accessKeys: AccessKeyRecord;
}

export type TableName = keyof Tables;

export const TABLE_NAMES: readonly TableName[] = [
  'meta',
  'accounts',
  'organizations',
  'roots',
  'ous',
  'policies',
  'attachments',
  'tags',
  'createAccountStatus',
  'handshakes',
  'delegatedAdmins',
  'roles',
  'users',
  'managedPolicies',
  'accessKeys',
];

/** One journal entry: a whole record written, or a record removed. */
export type Mutation =
  { op: 'put'; table: TableName; key: string; value: unknown } | { op: 'del'; table: TableName; key: string };
