/**
 * `validate`'s policy check: the IAM reference's grammar and reference checks (src/iam/policy) plus the limits of
 * AWS Organizations (SCP size). Paths in the issues are mapped to file:line:column by the caller.
 */
import {
  byStatement,
  checkPolicyReferences,
  IssueList,
  parsePolicy,
  type PolicyIssue,
  type PolicyKind,
} from '../../iam/policy/index.js';
import { SCP_MAX_SIZE, scpSize } from './scp-size.js';

export type { PolicyIssue, PolicyKind, PolicyPath } from '../../iam/policy/index.js';
export { POLICY_KINDS, POLICY_ISSUE_CODES, type PolicyIssueCode } from '../../iam/policy/index.js';
export { SCP_MAX_SIZE, scpSize } from './scp-size.js';

/** Grammar + catalogue checks. Never throws for bad input: every problem is an issue. */
export async function validatePolicyDocument(document: unknown, kind: PolicyKind): Promise<PolicyIssue[]> {
  const issues = new IssueList();
  const checked = parsePolicy(document, kind, issues);
  if (checked === undefined) return issues.items;
  await checkPolicyReferences(checked.refs, kind, issues);

  if (kind === 'scp') {
    const size = scpSize(document);
    if (size > SCP_MAX_SIZE) {
      issues.error(
        'E-SCP-TOO-LARGE',
        `SCP is ${size} characters without whitespace; AWS allows at most ${SCP_MAX_SIZE}`,
        [],
        'split it into several SCPs (up to 5 per target) or shorten it with wildcards such as "ec2:Describe*" and by dropping Sids',
      );
    }
  }
  return byStatement(issues.items);
}
