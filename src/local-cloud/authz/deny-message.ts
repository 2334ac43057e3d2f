import type { EvaluationResult } from '../../access/index.js';
import type { PolicyOrigin } from './identity-policies.js';

/**
 * AWS's access denied wording (IAM User Guide, "Troubleshoot access denied error messages",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
 * `User: <arn> is not authorized to perform: <action> on resource: <arn> <context>`, where the context is
 * `with an explicit deny in a <type>` or `because no <type> allows the <action> action`. Actions without a
 * resource type leave out `on resource: …`. SCP denials always read "explicit deny", even when implicit.
 * Since 2025 an explicit deny also names the denying policy's ARN in same-account and same-organization
 * requests (AWS Security Blog, "Enhanced access denied error messages with policy ARNs",
 * https://aws.amazon.com/blogs/security/enhanced-access-denied-error-messages-with-policy-arns/):
 * `… with an explicit deny in a service control policy: arn:aws:organizations::…:policy/o-…/service_control_policy/p-…`.
 * Inline policies have no ARN, so their denials end at the policy type.
 */
export function denyMessage(
  callerArn: string,
  action: string,
  resource: string,
  result: EvaluationResult,
  origins: ReadonlyMap<string, PolicyOrigin>,
): string {
  const head = `User: ${callerArn} is not authorized to perform: ${action}${resource === '*' ? '' : ` on resource: ${resource}`}`;
  if (!result.ok)
    return `${head} because a policy in effect cannot be evaluated: ${result.errors[0]?.message ?? 'invalid policy'}`;
  const withArn = (arn: string | undefined): string => (arn === undefined ? '' : `: ${arn}`);
  if (result.decision === 'explicit-deny' && result.decidedBy !== undefined) {
    const { layer, policy } = result.decidedBy;
    switch (layer) {
      case 'scp':
        return `${head} with an explicit deny in a service control policy${withArn(policy)}`;
      case 'identity':
        return `${head} with an explicit deny in an identity-based policy${withArn(origins.get(policy)?.arn)}`;
      case 'permission-boundary':
        return `${head} with an explicit deny in a permissions boundary${withArn(origins.get(policy)?.arn)}`;
      case 'session-policy':
        return `${head} with an explicit deny in a session policy`;
      case 'resource-policy':
        return `${head} with an explicit deny in a resource-based policy`;
    }
  }
  switch (result.missingAllow?.layer) {
    case 'scp':
      return `${head} with an explicit deny in a service control policy`;
    case 'identity':
      return `${head} because no identity-based policy allows the ${action} action`;
    case 'permission-boundary':
      return `${head} because no permissions boundary allows the ${action} action`;
    case 'session-policy':
      return `${head} because no session policy allows the ${action} action`;
    default:
      return `${head} because no resource-based policy allows the ${action} action`;
  }
}
