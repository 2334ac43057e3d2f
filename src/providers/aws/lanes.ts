/**
 * The apply lanes whose width AWS sets, apart from the providers that use them: the walker sizes its lanes from
 * these without loading the providers (and their SDK clients) a plan does not need.
 */

/**
 * AWS allows 10 outstanding CreateAccountAssignment / DeleteAccountAssignment operations per
 * instance and answers ConflictException beyond (the IAM Identity Center quotas page, "Throttle
 * limits"; the local cloud enforces the same number). The apply's assignment lane runs at most this
 * many changes at once, and each change holds its slot until its operation ends.
 */
export const ASSIGNMENT_OPERATIONS_OUTSTANDING = 10;

export const ASSIGNMENT_LANE = 'sso-assignments';

/** AWS: UpdateCostAllocationTagsStatus takes at most 20 entries per call (CostAllocationTagStatusList). */
export const STATUS_BATCH = 20;
/** The apply lane; as many changes run at once as fit one call, so they go out together. */
export const COST_EXPLORER_LANE = 'cost-explorer';
