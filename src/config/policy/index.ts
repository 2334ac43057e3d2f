import { checkActions } from './actions.js';
import { conditionKeyKnown, serviceKnown } from './catalogue.js';
import { checkDocument } from './grammar.js';
import { SCP_MAX_SIZE, scpSize } from './scp-size.js';
import { IssueList, POLICY_KINDS, type Located, type PolicyIssue, type PolicyKind } from './types.js';

export type { PolicyIssue, PolicyKind, PolicyPath } from './types.js';
export { POLICY_KINDS } from './types.js';
export { SCP_MAX_SIZE, scpSize } from './scp-size.js';
export { POLICY_ISSUE_CODES, type PolicyIssueCode } from './codes.js';

/** Grammar + catalogue checks. Never throws for bad input: every problem is an issue. */
export async function validatePolicyDocument(document: unknown, kind: PolicyKind): Promise<PolicyIssue[]> {
  const issues = new IssueList();
  if (!POLICY_KINDS.includes(kind)) {
    issues.error(
      'E-POLICY-KIND',
      `unknown policy kind ${JSON.stringify(kind)}`,
      [],
      `use one of ${POLICY_KINDS.join(', ')}`,
    );
    return issues.items;
  }
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document) as unknown;
    } catch (error) {
      issues.error(
        'E-POLICY-JSON',
        `policy text is not valid JSON: ${(error as Error).message}`,
        [],
        'check quotes, commas and brackets, or write the policy as YAML instead of a JSON string',
      );
      return issues.items;
    }
  }

  const refs = checkDocument(parsed, kind, issues);
  try {
    await checkActions(refs.actions, kind, issues);
    await checkConditionKeys(refs.conditionKeys, issues);
  } catch (error) {
    issues.warning(
      'W-POLICY-CATALOGUE',
      `could not check actions against the AWS catalogue: ${(error as Error).message}`,
      [],
    );
  }

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

/** Unknown keys of known services are a warning: the catalogue may lag behind AWS. */
async function checkConditionKeys(keys: readonly Located<string>[], issues: IssueList): Promise<void> {
  const results = await Promise.all(
    keys.map(async (key) => {
      const prefix = key.value.slice(0, Math.max(0, key.value.indexOf(':'))).toLowerCase();
      // Only keys of a known namespace: OIDC (accounts.google.com:aud), saml: … are not in the catalogue.
      if (prefix !== 'aws' && !(await serviceKnown(prefix))) return true;
      return conditionKeyKnown(key.value);
    }),
  );
  keys.forEach((key, i) => {
    if (results[i] === false) {
      issues.warning(
        'W-POLICY-UNKNOWN-CONDITION-KEY',
        `condition key ${JSON.stringify(key.value)} is not in the AWS catalogue`,
        key.path,
        'check its spelling in the AWS Service Authorization Reference or the global condition keys',
      );
    }
  });
}

/** Orders issues by statement (document-level first), keeping the order of checks inside one. */
function byStatement(items: PolicyIssue[]): PolicyIssue[] {
  const rank = (i: PolicyIssue): number =>
    i.path[0] === 'Statement' && typeof i.path[1] === 'number' ? i.path[1] : i.path.length === 0 ? -2 : -1;
  return items
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.n - b.n)
    .map((x) => x.issue);
}
