/** The organization as refreshed from AWS (or any AWS-compatible endpoint). Plain data, no SDK types. */
export interface ObservedOrg {
  /** Undefined when the management account has no organization yet. */
  organization?: { id: string; arn: string; managementAccountId: string; featureSet: string };
  root?: { id: string; arn: string; enabledPolicyTypes: string[]; tags: Record<string, string> };
  organizationalUnits: ObservedOu[];
  accounts: ObservedAccount[];
  policies: ObservedPolicy[];
  /** CreateAccount requests still in progress: an apply that was interrupted finds them again. */
  pendingCreates: { requestId: string; accountName: string; email?: string }[];
}

export interface ObservedOu {
  id: string;
  arn: string;
  name: string;
  parentId: string;
  /** Path below the root, `/`-separated. */
  path: string;
  tags: Record<string, string>;
}

export interface ObservedAccount {
  id: string;
  arn: string;
  name: string;
  email: string;
  status: string;
  parentId: string;
  tags: Record<string, string>;
}

export interface ObservedPolicy {
  id: string;
  arn: string;
  name: string;
  description: string;
  awsManaged: boolean;
  content: string;
  tags: Record<string, string>;
  /** Ids of the root, OUs and accounts it is attached to. */
  targetIds: string[];
}

/** The tag Bulkhead puts on what it creates; what lacks it and is not in the spec is left alone. */
export const MANAGED_BY_TAG = { key: 'managed-by', value: 'bulkhead' } as const;

export function isManagedByBulkhead(tags: Record<string, string>): boolean {
  return tags[MANAGED_BY_TAG.key] === MANAGED_BY_TAG.value;
}
