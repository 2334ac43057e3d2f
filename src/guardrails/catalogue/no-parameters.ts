/** The parse of a guardrail that takes no parameters: absent or `{}` is fine, anything else is refused. */
import type { ParsedParameters } from '../types.js';
import { ParameterReader } from './parameters.js';

export type NoParameters = Record<string, never>;

export function parseNoParameters(raw: unknown): ParsedParameters<NoParameters> {
  return new ParameterReader(raw, []).result(() => ({}));
}
