import { refusedPolicyProblem } from '../policy-grammar.js';
import { malformedPolicy } from './errors.js';

/** S3's MalformedPolicy wording for the grammar problems it refuses (the sentence the SDK and CLI show). */
const MESSAGES: Record<string, string> = {
  'E-POLICY-JSON': "Policies must be valid JSON and the first byte must be '{'",
  'E-POLICY-PRINCIPAL-MISSING': 'Missing required field Principal',
  'E-POLICY-PRINCIPAL-TYPE': 'Invalid principal in policy',
  'E-POLICY-PRINCIPAL-VALUE': 'Invalid principal in policy',
  'E-POLICY-PRINCIPAL-WILDCARD': 'Invalid principal in policy',
  'E-POLICY-ACTION-MISSING': 'Missing required field Action',
  'E-POLICY-RESOURCE-MISSING': 'Missing required field Resource',
};

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]);

/**
 * PutBucketPolicy's checks: a JSON object (first byte `{`), the resource-policy grammar, every Resource within this
 * bucket (`arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/…`), every Action an S3 one. Throws MalformedPolicy.
 */
export function checkBucketPolicy(text: string, bucket: string): void {
  if (!text.trimStart().startsWith('{')) throw malformedPolicy(MESSAGES['E-POLICY-JSON'] ?? '');
  const problem = refusedPolicyProblem(text, 'resource');
  if (problem !== undefined) throw malformedPolicy(MESSAGES[problem.code] ?? 'Invalid policy syntax.');
  const doc = JSON.parse(text) as { Statement?: unknown };
  for (const st of list(doc.Statement) as Record<string, unknown>[]) {
    for (const r of [...list(st.Resource), ...list(st.NotResource)]) {
      if (typeof r !== 'string' || !(r === `arn:aws:s3:::${bucket}` || r.startsWith(`arn:aws:s3:::${bucket}/`)))
        throw malformedPolicy('Policy has invalid resource');
    }
    for (const a of [...list(st.Action), ...list(st.NotAction)]) {
      if (typeof a !== 'string' || !(a === '*' || a.toLowerCase().startsWith('s3:')))
        throw malformedPolicy('Policy has invalid action');
    }
  }
}
