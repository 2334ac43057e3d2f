import type { CheckRule } from '../types.js';
import { prodWritersRule, ssoNotIamUsers } from './access.js';
import { securityDelegated, trailEnabled, trailLogsProtected, trailLogsSeparate } from './audit.js';
import { governanceLean, guardrailsBaseline, guardrailsGrowth } from './guardrails.js';
import { prodIsolated, stagingOwnAccount } from './isolation.js';
import { workloadsInManagement } from './management.js';
import { sandboxPerDeveloper } from './sandbox.js';
import { accountsTagged } from './tags.js';

/** Every rule, in report order. */
export const RULES: readonly CheckRule[] = [
  workloadsInManagement,
  prodIsolated,
  stagingOwnAccount,
  sandboxPerDeveloper,
  guardrailsBaseline,
  guardrailsGrowth,
  trailEnabled,
  trailLogsSeparate,
  trailLogsProtected,
  ssoNotIamUsers,
  prodWritersRule,
  accountsTagged,
  governanceLean,
  securityDelegated,
];
