import { scpSize } from './scp-size.js';

// IAM Identity Center User Guide, "Quotas": the inline policy of a permission set is at most 32,768 bytes, and at
// most 10,240 non-whitespace characters (IAM's quota on a role's inline policies, which the permission set becomes).
// The sso-admin API (PutInlinePolicyToPermissionSet, PermissionSetPolicyDocument in botocore's model) takes only
// characters of [\u0009\u000A\u000D\u0020-\u00FF].
export const INLINE_POLICY_MAX_BYTES = 32_768;
export const INLINE_POLICY_MAX_CHARACTERS = 10_240;
const ALLOWED = /[\t\n\r\u0020-\u00ff]/;

export interface InlinePolicySize {
  /** UTF-8 bytes of the document as Bulkhead sends it (minified JSON). */
  bytes: number;
  /** Characters without whitespace outside strings, as IAM counts them. */
  characters: number;
  /** Characters sso-admin refuses, each once. */
  refused: string[];
}

export function inlinePolicySize(parsed: unknown): InlinePolicySize {
  let text = '';
  try {
    text = JSON.stringify(parsed) ?? '';
  } catch {
    text = '';
  }
  return {
    bytes: Buffer.byteLength(text, 'utf8'),
    characters: scpSize(parsed),
    refused: [...new Set([...text].filter((c) => !ALLOWED.test(c)))],
  };
}
