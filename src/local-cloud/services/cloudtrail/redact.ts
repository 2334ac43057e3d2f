/** What CloudTrail writes in place of a secret request parameter. */
export const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** Members that carry a secret under a name no general rule catches. */
const SECRET_NAMES = new Set(['code', 'codeverifier', 'devicecode', 'privatekey', 'assertion', 'samlassertion']);
/** Tokens that are no secret: paging and idempotency. */
const HARMLESS_TOKENS = new Set(['nexttoken', 'clienttoken', 'continuationtoken', 'paginationtoken', 'marker']);

/** Whether a member name (the last part of an awsQuery `A.B.C` name) holds a secret. */
export function isSecretName(name: string): boolean {
  const last = (name.split('.').pop() ?? name).toLowerCase();
  if (HARMLESS_TOKENS.has(last)) return false;
  return SECRET_NAMES.has(last) || last.includes('password') || last.includes('secret') || last.endsWith('token');
}

/**
 * The request parameters as a log may show them: every secret (secret keys, session, access, refresh and ID tokens,
 * client secrets, device codes, passwords) replaced by HIDDEN_DUE_TO_SECURITY_REASONS, at any depth.
 */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    out[k] = isSecretName(k) && v !== null && v !== undefined ? HIDDEN : redact(v);
  return out;
}
