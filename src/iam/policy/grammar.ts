import { checkStatement, type StatementRefs } from './statement.js';
import { didYouMean, suggest } from '../../core/suggest.js';
import { describeType, isPlainObject, show, type IssueList, type PolicyKind } from './types.js';

export const DOCUMENT_KEYS = ['Version', 'Id', 'Statement'] as const;
export const VERSIONS = ['2012-10-17', '2008-10-17'] as const;

/** Grammar checks of a whole document; returns what the catalogue checks need. */
export function checkDocument(document: unknown, kind: PolicyKind, issues: IssueList): StatementRefs {
  const refs: StatementRefs = { actions: [], conditionKeys: [], sids: [] };
  if (!isPlainObject(document)) {
    issues.error(
      'E-POLICY-NOT-OBJECT',
      `a policy document must be an object, not ${describeType(document)}`,
      [],
      'write {"Version": "2012-10-17", "Statement": [ … ]}',
    );
    return refs;
  }
  const misspelt = new Set<string>();
  for (const key of Object.keys(document)) {
    if ((DOCUMENT_KEYS as readonly string[]).includes(key)) continue;
    const close = suggest(key, DOCUMENT_KEYS, { max: 1 });
    close.forEach((c) => misspelt.add(c));
    issues.error(
      'E-POLICY-UNKNOWN-KEY',
      `unknown policy element ${JSON.stringify(key)}`,
      [key],
      didYouMean(close) ?? 'a policy document holds Version, Id and Statement (element names are case-sensitive)',
    );
  }

  checkVersion(document, misspelt.has('Version'), issues);
  if ('Id' in document && typeof document['Id'] !== 'string') {
    issues.error('E-POLICY-ID', `Id must be a string, not ${describeType(document['Id'])}`, ['Id']);
  }

  const statement = document['Statement'];
  if (!('Statement' in document)) {
    if (!misspelt.has('Statement'))
      issues.error(
        'E-POLICY-STATEMENT-MISSING',
        'policy has no Statement',
        [],
        'add "Statement": [ { "Effect": …, "Action": …, "Resource": … } ]',
      );
  } else if (isPlainObject(statement)) {
    checkStatement(statement, ['Statement'], kind, issues, refs);
  } else if (Array.isArray(statement)) {
    if (statement.length === 0)
      issues.error(
        'E-POLICY-STATEMENT-EMPTY',
        'Statement is an empty list',
        ['Statement'],
        'add at least one statement',
      );
    statement.forEach((s, i) => {
      if (isPlainObject(s)) checkStatement(s, ['Statement', i], kind, issues, refs);
      else
        issues.error('E-POLICY-STATEMENT-TYPE', `each statement must be an object, not ${describeType(s)}`, [
          'Statement',
          i,
        ]);
    });
  } else {
    issues.error(
      'E-POLICY-STATEMENT-TYPE',
      `Statement must be an object or a list of objects, not ${describeType(statement)}`,
      ['Statement'],
    );
  }

  // AWS: Sid values must be unique within a policy.
  const seen = new Map<string, number>();
  for (const sid of refs.sids) {
    const first = seen.get(sid.value);
    if (first === undefined) seen.set(sid.value, sid.path[1] as number);
    else
      issues.error(
        'E-POLICY-SID-DUPLICATE',
        `Sid ${JSON.stringify(sid.value)} is used twice`,
        sid.path,
        `Sids must be unique within a policy; rename this one (first used in statement ${first ?? 0})`,
      );
  }
  return refs;
}

function checkVersion(document: Record<string, unknown>, misspelt: boolean, issues: IssueList): void {
  if (!('Version' in document)) {
    if (misspelt) return;
    // IAM accepts a missing Version but then applies 2008-10-17, where policy variables are plain text.
    issues.warning(
      'W-POLICY-VERSION-MISSING',
      'policy has no Version',
      ['Version'],
      'add "Version": "2012-10-17"; without it AWS uses 2008-10-17, which does not support policy variables',
    );
    return;
  }
  const version = document['Version'];
  if (typeof version === 'string' && (VERSIONS as readonly string[]).includes(version)) {
    if (version === '2008-10-17' && usesPolicyVariables(document)) {
      issues.warning(
        'W-POLICY-VARIABLES-OLD-VERSION',
        'policy uses ${…} variables but Version is "2008-10-17", where they are plain text',
        ['Version'],
        'use "Version": "2012-10-17"',
      );
    }
    return;
  }
  issues.error(
    'E-POLICY-VERSION',
    `Version ${show(version)} is not a policy language version`,
    ['Version'],
    typeof version === 'string' || typeof version === 'number'
      ? 'did you mean "2012-10-17"? (the only other valid value is "2008-10-17")'
      : 'write "Version": "2012-10-17" (a quoted string)',
  );
}

function usesPolicyVariables(document: Record<string, unknown>): boolean {
  try {
    return JSON.stringify(document['Statement'] ?? null).includes('${');
  } catch {
    return false;
  }
}
