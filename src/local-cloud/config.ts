import { BulkheadError } from '../core/errors.js';
import type { FaultSpec } from './knobs/faults.js';
import { parseFaultSpec } from './knobs/faults.js';

/** Limits the local cloud enforces. Names follow the AWS quota they reproduce. */
export interface Quotas {
  /** AWS: default maximum number of accounts in an organization (10 for a new organization). */
  maxAccounts: number;
  /** AWS: number of OUs in an organization, 2,000. */
  maxOus: number;
  /** AWS: OU nesting depth below the root, 5. */
  maxOuDepth: number;
  /** AWS: accounts you can create concurrently, 5. */
  maxConcurrentAccountCreations: number;
  /** AWS: policies of one type in an organization (SCPs 10,000; other types 1,000). */
  maxPoliciesPerType: number;
  /** AWS: tags per Organizations resource, 50. */
  maxTagsPerResource: number;
  /** AWS IAM: roles per account, 1,000. */
  maxRolesPerAccount: number;
  /** AWS IAM: customer managed policies per account, 1,500. */
  maxManagedPoliciesPerAccount: number;
  /** AWS IAM: managed policies attached to a role, 10 by default. */
  maxAttachedPoliciesPerRole: number;
  /**
   * AWS IAM Identity Center: AWS managed and customer managed policies of one permission set together, 20 (moto's
   * figure, citing the Identity Center quotas page); provisioning also needs the account's role quota to hold them.
   */
  maxManagedPoliciesPerPermissionSet: number;
  /** AWS IAM Identity Center: permission sets per instance, 2,000. */
  maxPermissionSets: number;
  /** AWS IAM Identity Center: CreateAccountAssignment/DeleteAccountAssignment operations in progress per instance, 10. */
  maxOutstandingAssignmentOperations: number;
}

export const QUOTA_PROFILES: Record<'local' | 'aws-default', Quotas> = {
  'aws-default': {
    maxAccounts: 10,
    maxOus: 2000,
    maxOuDepth: 5,
    maxConcurrentAccountCreations: 5,
    maxPoliciesPerType: 1000,
    maxTagsPerResource: 50,
    maxRolesPerAccount: 1000,
    maxManagedPoliciesPerAccount: 1500,
    maxAttachedPoliciesPerRole: 10,
    maxManagedPoliciesPerPermissionSet: 20,
    maxPermissionSets: 2000,
    maxOutstandingAssignmentOperations: 10,
  },
  local: {
    maxAccounts: 10_000,
    maxOus: 10_000,
    maxOuDepth: 5,
    maxConcurrentAccountCreations: 5,
    maxPoliciesPerType: 10_000,
    maxTagsPerResource: 50,
    maxRolesPerAccount: 5000,
    maxManagedPoliciesPerAccount: 5000,
    maxAttachedPoliciesPerRole: 20,
    maxManagedPoliciesPerPermissionSet: 20,
    maxPermissionSets: 2000,
    maxOutstandingAssignmentOperations: 10,
  },
};

export interface Latency {
  /** How long a CreateAccount request stays IN_PROGRESS. */
  createAccountMs: number;
  /** How long a closed account stays PENDING_CLOSURE before SUSPENDED. */
  closeAccountMs: number;
  /** How long an IAM Identity Center account assignment (creation or deletion) stays IN_PROGRESS. */
  accountAssignmentMs: number;
  /** How long ProvisionPermissionSet stays IN_PROGRESS. */
  provisionPermissionSetMs: number;
  /** How long a Service Quotas increase request stays in each open status (PENDING, then CASE_OPENED). */
  quotaRequestStepMs: number;
}

const LATENCY_PROFILES: Record<'fast' | 'default' | 'realistic', Latency> = {
  fast: {
    createAccountMs: 25,
    closeAccountMs: 25,
    accountAssignmentMs: 25,
    provisionPermissionSetMs: 25,
    quotaRequestStepMs: 25,
  },
  default: {
    createAccountMs: 3000,
    closeAccountMs: 5000,
    accountAssignmentMs: 1500,
    provisionPermissionSetMs: 1500,
    quotaRequestStepMs: 2000,
  },
  // AWS: account creation typically takes a few minutes; closure shows PENDING_CLOSURE for minutes; an
  // Identity Center assignment or provisioning settles in seconds; a quota increase AWS approves on its own
  // takes minutes (one reviewed by support takes days: not reproduced).
  realistic: {
    createAccountMs: 120_000,
    closeAccountMs: 300_000,
    accountAssignmentMs: 10_000,
    provisionPermissionSetMs: 10_000,
    quotaRequestStepMs: 60_000,
  },
};

export interface ThrottleSettings {
  enabled: boolean;
  /** Sustained requests per second per (account, operation). */
  ratePerSecond: number;
  burst: number;
}

export interface LocalCloudOptions {
  /** 0 (the default) picks an ephemeral port. */
  port?: number;
  dataDir: string;
  host?: '127.0.0.1';
  /** Near-instant asynchronous operations (for tests). */
  fast?: boolean;
  /** AWS-like durations (minutes) and throttling on. */
  realistic?: boolean;
  quotas?: 'local' | 'aws-default';
  /** Overrides on top of the quota profile. */
  quotaOverrides?: Partial<Quotas>;
  /** e.g. `throttle=0.1,error5xx=0.02,seed=42`. */
  faults?: string;
  /** Multiplies every asynchronous duration (0.5 = twice as fast). */
  timeScale?: number;
  /** Force throttling on or off (default: on with `realistic`). */
  throttle?: boolean | Partial<ThrottleSettings>;
  region?: string;
  /** Lifetime of an SSO OIDC access token (AWS: one hour for an sso-session's token, refreshed after). */
  ssoTokenLifetimeSeconds?: number;
  /** How long a device code of StartDeviceAuthorization waits for approval (AWS: 600 s). */
  ssoDeviceCodeLifetimeSeconds?: number;
  /** How often CloudTrail writes recorded calls into the trails' buckets (AWS: about every 5 minutes; here 5 s). */
  trailDeliverySeconds?: number;
  /** Seed of the synthetic bill (Cost Explorer, Budgets) and of synthetic quota usage; the same seed, the same numbers. */
  costSeed?: string;
}

/** CloudTrail log delivery. */
export interface CloudTrailSettings {
  deliverySeconds: number;
}

export const CLOUDTRAIL_DEFAULTS: CloudTrailSettings = { deliverySeconds: 5 };

/** Seconds between deliveries: more than 0 (fractions allowed, for tests), at most a day. */
function deliverySeconds(value: number | undefined): number {
  if (value === undefined) return CLOUDTRAIL_DEFAULTS.deliverySeconds;
  if (!Number.isFinite(value) || value <= 0 || value > 86_400)
    throw new BulkheadError(
      'local-cloud-options',
      `trailDeliverySeconds must be a number of seconds above 0 and at most 86400, not ${value}`,
    );
  return value;
}

/** IAM Identity Center sign-in (SSO OIDC and the portal) lifetimes, in seconds. */
export interface SsoSignInSettings {
  tokenLifetimeSeconds: number;
  deviceCodeLifetimeSeconds: number;
}

/** AWS's figures: an access token lives an hour (then the refresh token gets another), a device code ten minutes. */
export const SSO_SIGN_IN_DEFAULTS: SsoSignInSettings = { tokenLifetimeSeconds: 3600, deviceCodeLifetimeSeconds: 600 };

function positiveSeconds(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 31_536_000)
    throw new BulkheadError(
      'local-cloud-options',
      `${name} must be a whole number of seconds from 1 to 31536000, not ${value}`,
    );
  return value;
}

export interface ResolvedConfig {
  port: number;
  host: string;
  dataDir: string;
  region: string;
  quotas: Quotas;
  latency: Latency;
  throttle: ThrottleSettings;
  faults: FaultSpec | undefined;
  sso: SsoSignInSettings;
  cloudTrail: CloudTrailSettings;
  /** The synthetic bill and usage (src/local-cloud/usage). */
  cost: { seed: string };
}

export function resolveConfig(options: LocalCloudOptions): ResolvedConfig {
  if (options.fast === true && options.realistic === true) {
    throw new BulkheadError('local-cloud-options', 'choose either fast or realistic, not both');
  }
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') {
    throw new BulkheadError('local-cloud-options', `the local cloud binds 127.0.0.1 only, not ${String(host)}`);
  }
  const scale = options.timeScale ?? 1;
  if (!(scale >= 0) || !Number.isFinite(scale))
    throw new BulkheadError('local-cloud-options', `timeScale must be a number >= 0, not ${scale}`);
  const base = LATENCY_PROFILES[options.fast === true ? 'fast' : options.realistic === true ? 'realistic' : 'default'];
  const throttleDefault: ThrottleSettings = { enabled: options.realistic === true, ratePerSecond: 20, burst: 40 };
  const throttle: ThrottleSettings =
    typeof options.throttle === 'boolean'
      ? { ...throttleDefault, enabled: options.throttle }
      : options.throttle === undefined
        ? throttleDefault
        : { ...throttleDefault, enabled: true, ...options.throttle };
  return {
    port: options.port ?? 0,
    host,
    dataDir: options.dataDir,
    region: options.region ?? 'us-east-1',
    quotas: { ...QUOTA_PROFILES[options.quotas ?? 'local'], ...(options.quotaOverrides ?? {}) },
    latency: {
      createAccountMs: base.createAccountMs * scale,
      closeAccountMs: base.closeAccountMs * scale,
      accountAssignmentMs: base.accountAssignmentMs * scale,
      provisionPermissionSetMs: base.provisionPermissionSetMs * scale,
      quotaRequestStepMs: base.quotaRequestStepMs * scale,
    },
    throttle,
    faults: options.faults === undefined || options.faults === '' ? undefined : parseFaultSpec(options.faults),
    sso: {
      tokenLifetimeSeconds: positiveSeconds(
        'ssoTokenLifetimeSeconds',
        options.ssoTokenLifetimeSeconds,
        SSO_SIGN_IN_DEFAULTS.tokenLifetimeSeconds,
      ),
      deviceCodeLifetimeSeconds: positiveSeconds(
        'ssoDeviceCodeLifetimeSeconds',
        options.ssoDeviceCodeLifetimeSeconds,
        SSO_SIGN_IN_DEFAULTS.deviceCodeLifetimeSeconds,
      ),
    },
    cloudTrail: { deliverySeconds: deliverySeconds(options.trailDeliverySeconds) },
    cost: { seed: options.costSeed ?? 'bulkhead' },
  };
}
