import type { GuardrailDefinition } from '../types.js';

// PLACEHOLDER (helper G2): an empty catalogue so the spec side compiles before G1's catalogue is merged.
// The lead replaces this file with G1's, which fills the map.
export const GUARDRAILS: ReadonlyMap<string, GuardrailDefinition> = new Map();
