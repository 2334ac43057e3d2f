/**
 * Policy grammar as IAM and Organizations enforce it when a document is stored, with the checker `bulkhead
 * validate` uses (src/iam/policy). Only what AWS refuses is refused: warnings (no Version, an SCP statement
 * without Resource, …) are accepted, and so are the condition problems IAM's parser lets through (empty
 * Condition blocks, empty value lists, Bool/Numeric/IP values of the wrong form); a date that is not a date
 * fails IAM's "legacy parsing", so that one is refused.
 */
import { checkPolicyGrammar, type PolicyIssue, type PolicyKind, type PolicyPath } from '../../iam/policy/index.js';

/** The first problem AWS would refuse the document for, or undefined when AWS accepts it. */
export function refusedPolicyProblem(document: string, kind: PolicyKind): PolicyIssue | undefined {
  return checkPolicyGrammar(document, kind).find(refusedByAws);
}

function refusedByAws(issue: PolicyIssue): boolean {
  if (issue.severity !== 'error') return false;
  const at = issue.path.indexOf('Condition');
  if (at < 0 || issue.path[0] !== 'Statement') return true;
  if (issue.code === 'E-POLICY-CONDITION-EMPTY' || issue.code === 'E-POLICY-EMPTY-VALUE') return false;
  if (issue.code === 'E-POLICY-CONDITION-VALUE') return conditionBase(issue.path[at + 1]).startsWith('Date');
  return true;
}

/** `ForAnyValue:DateLessThanIfExists` → `DateLessThan`. */
function conditionBase(operator: string | number | undefined): string {
  const text = String(operator ?? '');
  return text.replace(/^[^:]*:/, '').replace(/IfExists$/, '');
}

/** IAM's wording for each kind of problem (the AWS sentences SDK users see), then where it is. */
const IAM_MESSAGES: Record<string, string> = {
  'E-POLICY-JSON': 'This policy contains invalid Json',
  'E-POLICY-SID-DUPLICATE': 'Statement IDs (SID) in a single policy must be unique.',
  'E-POLICY-SID':
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  'E-POLICY-ACTION-MISSING': 'Policy statement must contain actions.',
  'E-POLICY-RESOURCE-MISSING': 'Policy statement must contain resources.',
  'E-POLICY-RESOURCE-NOT-ALLOWED': 'Has prohibited field Resource.',
  'E-POLICY-PRINCIPAL-NOT-ALLOWED': 'Policy document should not specify a principal.',
  'E-POLICY-PRINCIPAL-MISSING': 'Missing required field Principal.',
  'E-POLICY-PRINCIPAL-TYPE': 'Invalid principal in policy.',
  'E-POLICY-PRINCIPAL-VALUE': 'Invalid principal in policy.',
  'E-POLICY-PRINCIPAL-WILDCARD': 'Invalid principal in policy.',
  'E-POLICY-CONDITION-VALUE': 'The policy failed legacy parsing',
};

/** The message of IAM's MalformedPolicyDocument for a problem. */
export function iamMalformedMessage(issue: PolicyIssue): string {
  return `${IAM_MESSAGES[issue.code] ?? 'Syntax errors in policy.'} ${detail(issue)}`;
}

/** The message of Organizations' MalformedPolicyDocumentException for a problem. */
export function organizationsMalformedMessage(issue: PolicyIssue): string {
  return `The provided policy document does not meet the requirements of the specified policy type. ${detail(issue)}`;
}

/** Bulkhead's own account of the problem, with where it sits: `(Statement[0].Effect: …)`. */
function detail(issue: PolicyIssue): string {
  const where = formatPath(issue.path);
  return `(${where === '' ? '' : `${where}: `}${issue.message})`;
}

export function formatPath(path: PolicyPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
