/**
 * The policy-document checker: grammar (structure, element names and value forms, as IAM's policy validator
 * checks them) and references (actions and condition keys against the service reference). Problems are data
 * with a path inside the document (`['Statement', 0, 'Action', 1]`), never source positions: `validate` maps
 * paths to file:line:column, the local cloud can answer `MalformedPolicyDocument`.
 */
import { checkActions } from './actions.js';
import { checkDocument } from './grammar.js';
import type { StatementRefs } from './statement.js';
import { IssueList, POLICY_KINDS, type Located, type PolicyIssue, type PolicyKind } from './types.js';
import { conditionKeyKnown } from '../condition-keys.js';
import { serviceKnown } from '../service-reference.js';

export type { PolicyIssue, PolicyKind, PolicyPath } from './types.js';
export { IssueList, POLICY_KINDS } from './types.js';
export { POLICY_ISSUE_CODES, type PolicyIssueCode } from './codes.js';

/** Parses a policy given as text and checks its grammar; the document is undefined when it is not usable. */
export function parsePolicy(
  document: unknown,
  kind: PolicyKind,
  issues: IssueList,
): { parsed: unknown; refs: StatementRefs } | undefined {
  if (!POLICY_KINDS.includes(kind)) {
    issues.error(
      'E-POLICY-KIND',
      `unknown policy kind ${JSON.stringify(kind)}`,
      [],
      `use one of ${POLICY_KINDS.join(', ')}`,
    );
    return undefined;
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
      return undefined;
    }
  }
  return { parsed, refs: checkDocument(parsed, kind, issues) };
}

/**
 * The grammar problems of a policy document (text or parsed JSON), synchronously and without the service
 * reference: what IAM answers with `MalformedPolicyDocument`. Ordered by statement.
 */
export function checkPolicyGrammar(json: unknown, kind: PolicyKind = 'identity'): PolicyIssue[] {
  const issues = new IssueList();
  parsePolicy(json, kind, issues);
  return byStatement(issues.items);
}

/** Checks the actions and condition keys a document names against the service reference. */
export async function checkPolicyReferences(refs: StatementRefs, kind: PolicyKind, issues: IssueList): Promise<void> {
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
export function byStatement(items: PolicyIssue[]): PolicyIssue[] {
  const rank = (i: PolicyIssue): number =>
    i.path[0] === 'Statement' && typeof i.path[1] === 'number' ? i.path[1] : i.path.length === 0 ? -2 : -1;
  return items
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.n - b.n)
    .map((x) => x.issue);
}
