/** Parameters for rendering each guardrail in tests: undefined where the defaults suffice, else a typical use. */
import type { GuardrailContext } from '../../src/guardrails/types.js';

export const CONTEXT: GuardrailContext = { homeRegion: 'eu-west-1', allowedRegions: ['eu-west-1', 'eu-central-1'] };

export const SAMPLE_PARAMETERS: Readonly<Record<string, unknown>> = {
  'deny-expensive-instances': { allowedInstanceTypes: ['t3.*', 'm5.large'] },
  'require-tags': { tags: ['owner', 'environment'] },
};
