import type { TableName } from '../../store/state.js';

/**
 * The records AWS Organizations keeps, one interface per table. Each table is declared into the
 * store's `Tables` map from here, so adding a service needs no central table list.
 */

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

declare module '../../store/state.js' {
  interface Tables {
    organizations: OrganizationRecord;
    roots: RootRecord;
    ous: OuRecord;
    policies: PolicyRecord;
    attachments: AttachmentRecord;
    tags: TagsRecord;
    createAccountStatus: CreateAccountStatusRecord;
    handshakes: HandshakeRecord;
    delegatedAdmins: DelegatedAdminRecord;
  }
}

/** The tables Organizations owns (its service definition lists them; the store creates them). */
export const ORGANIZATIONS_TABLES = [
  'organizations',
  'roots',
  'ous',
  'policies',
  'attachments',
  'tags',
  'createAccountStatus',
  'handshakes',
  'delegatedAdmins',
] as const satisfies readonly TableName[];
