import { checkCondition } from './conditions.js';
import { checkPrincipal } from './principals.js';
import { checkResources } from './resources.js';
import { stringList } from './string-list.js';
import { didYouMean, suggest } from '../../core/suggest.js';
import { describeType, show, type IssueList, type Located, type PolicyKind, type PolicyPath } from './types.js';

export const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;

/** What a statement hands to the asynchronous catalogue checks. */
export interface StatementRefs {
  actions: Located<string>[];
  conditionKeys: Located<string>[];
  sids: Located<string>[];
}

const KIND_NAMES: Record<PolicyKind, string> = {
  scp: 'service control policies',
  identity: 'identity-based policies',
  'permission-boundary': 'permissions boundaries',
  resource: 'resource-based policies',
  trust: 'role trust policies',
};

/** Grammar checks of one statement; catalogue lookups are deferred into `refs`. */
export function checkStatement(
  statement: Record<string, unknown>,
  path: PolicyPath,
  kind: PolicyKind,
  issues: IssueList,
  refs: StatementRefs,
): void {
  const at = (key: string): PolicyPath => [...path, key];
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(statement, key);
  // A misspelt element ("Efect", "action") is reported once, not again as "missing".
  const misspelt = new Set<string>();

  for (const key of Object.keys(statement)) {
    if ((STATEMENT_KEYS as readonly string[]).includes(key)) continue;
    const close = suggest(key, STATEMENT_KEYS, { max: 2 });
    close.forEach((c) => misspelt.add(c));
    issues.error(
      'E-POLICY-UNKNOWN-KEY',
      `unknown statement element ${JSON.stringify(key)}`,
      at(key),
      didYouMean(close) ?? `a statement may hold ${STATEMENT_KEYS.join(', ')} (element names are case-sensitive)`,
    );
  }

  if (has('Sid')) checkSid(statement['Sid'], at('Sid'), kind, issues, refs);

  const effect = checkEffect(statement, at('Effect'), has('Effect'), misspelt.has('Effect'), issues);

  // Action / NotAction: exactly one.
  if (has('Action') && has('NotAction')) {
    issues.error(
      'E-POLICY-ELEMENT-CONFLICT',
      'statement has both Action and NotAction',
      at('NotAction'),
      'keep only one of Action and NotAction',
    );
  } else if (!has('Action') && !has('NotAction')) {
    if (!misspelt.has('Action') && !misspelt.has('NotAction')) {
      issues.error(
        'E-POLICY-ACTION-MISSING',
        'statement has neither Action nor NotAction',
        path,
        'add "Action": ["service:Action", …]',
      );
    }
  }
  for (const key of ['Action', 'NotAction']) {
    if (has(key)) refs.actions.push(...stringList(statement[key], at(key), key, issues));
  }

  checkResourceElements(has, statement, at, path, kind, misspelt, issues);
  checkPrincipalElements(has, statement, at, path, kind, effect, misspelt, issues);

  if (has('Condition')) checkCondition(statement['Condition'], at('Condition'), issues, refs.conditionKeys);
}

function checkSid(sid: unknown, path: PolicyPath, kind: PolicyKind, issues: IssueList, refs: StatementRefs): void {
  if (typeof sid !== 'string') {
    issues.error('E-POLICY-SID', `Sid must be a string, not ${describeType(sid)}`, path);
    return;
  }
  if (sid !== '') refs.sids.push({ value: sid, path });
  // AWS (IAM, Organizations): Sid supports ASCII letters and digits only. Some services' resource
  // policies (SNS, SQS) accept more, so there it is only a warning.
  if (/^[A-Za-z0-9]*$/.test(sid)) return;
  const fixed = sid.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());
  const message = `Sid ${JSON.stringify(sid)} contains characters other than ASCII letters and digits`;
  const hint = fixed === '' ? 'use only A-Z, a-z and 0-9' : `use only A-Z, a-z and 0-9, e.g. ${JSON.stringify(fixed)}`;
  if (kind === 'resource') issues.warning('W-POLICY-SID', message, path, hint);
  else issues.error('E-POLICY-SID', message, path, hint);
}

function checkEffect(
  statement: Record<string, unknown>,
  path: PolicyPath,
  present: boolean,
  misspelt: boolean,
  issues: IssueList,
): 'Allow' | 'Deny' | undefined {
  if (!present) {
    if (!misspelt)
      issues.error(
        'E-POLICY-EFFECT-MISSING',
        'statement has no Effect',
        path.slice(0, -1),
        'add "Effect": "Allow" or "Effect": "Deny"',
      );
    return undefined;
  }
  const effect = statement['Effect'];
  if (effect === 'Allow' || effect === 'Deny') return effect;
  let hint = 'Effect must be exactly "Allow" or "Deny" (case-sensitive)';
  if (typeof effect === 'string') {
    const close = suggest(effect, ['Allow', 'Deny'], { max: 1, maxDistance: 3 });
    hint = didYouMean(close) ?? hint;
  }
  issues.error('E-POLICY-EFFECT', `Effect ${show(effect)} is not "Allow" or "Deny"`, path, hint);
  return undefined;
}

function checkResourceElements(
  has: (k: string) => boolean,
  statement: Record<string, unknown>,
  at: (k: string) => PolicyPath,
  path: PolicyPath,
  kind: PolicyKind,
  misspelt: ReadonlySet<string>,
  issues: IssueList,
): void {
  if (kind === 'trust') {
    // AWS: IAM rejects a role trust policy with a Resource element ("Has prohibited field Resource").
    for (const key of ['Resource', 'NotResource']) {
      if (has(key))
        issues.error(
          'E-POLICY-RESOURCE-NOT-ALLOWED',
          `${key} is not allowed in a role trust policy`,
          at(key),
          'remove it: the resource is the role itself',
        );
    }
    return;
  }
  if (has('Resource') && has('NotResource')) {
    issues.error(
      'E-POLICY-ELEMENT-CONFLICT',
      'statement has both Resource and NotResource',
      at('NotResource'),
      'keep only one of Resource and NotResource',
    );
  } else if (!has('Resource') && !has('NotResource') && !misspelt.has('Resource') && !misspelt.has('NotResource')) {
    if (kind === 'scp') {
      issues.warning(
        'W-SCP-RESOURCE-MISSING',
        'SCP statement has no Resource',
        path,
        'add "Resource": "*" as every AWS example does',
      );
    } else {
      issues.error(
        'E-POLICY-RESOURCE-MISSING',
        `statement has neither Resource nor NotResource; ${KIND_NAMES[kind]} require one`,
        path,
        'add "Resource": "*" or the ARNs the statement applies to',
      );
    }
  }
  for (const key of ['Resource', 'NotResource']) {
    if (has(key)) checkResources(stringList(statement[key], at(key), key, issues), issues);
  }
}

function checkPrincipalElements(
  has: (k: string) => boolean,
  statement: Record<string, unknown>,
  at: (k: string) => PolicyPath,
  path: PolicyPath,
  kind: PolicyKind,
  effect: 'Allow' | 'Deny' | undefined,
  misspelt: ReadonlySet<string>,
  issues: IssueList,
): void {
  const takesPrincipal = kind === 'resource' || kind === 'trust';
  if (!takesPrincipal) {
    // AWS: identity policies, permissions boundaries and SCPs apply to the principal they are
    // attached to; IAM and Organizations reject Principal and NotPrincipal there.
    for (const key of ['Principal', 'NotPrincipal']) {
      if (has(key)) {
        issues.error(
          'E-POLICY-PRINCIPAL-NOT-ALLOWED',
          `${key} is not allowed in ${KIND_NAMES[kind]}`,
          at(key),
          kind === 'scp'
            ? 'remove it; to exempt principals use a Condition such as ArnNotLike on aws:PrincipalArn'
            : 'remove it: the policy applies to the identity it is attached to',
        );
      }
    }
    return;
  }
  if (has('Principal') && has('NotPrincipal')) {
    issues.error(
      'E-POLICY-ELEMENT-CONFLICT',
      'statement has both Principal and NotPrincipal',
      at('NotPrincipal'),
      'keep only one of Principal and NotPrincipal',
    );
  } else if (!has('Principal') && !has('NotPrincipal') && !misspelt.has('Principal') && !misspelt.has('NotPrincipal')) {
    issues.error(
      'E-POLICY-PRINCIPAL-MISSING',
      `statement has no Principal; ${KIND_NAMES[kind]} must name who it applies to`,
      path,
      'add "Principal": {"AWS": "arn:aws:iam::123456789012:root"} (or "Service", "Federated")',
    );
  }
  if (has('Principal')) checkPrincipal(statement['Principal'], at('Principal'), 'Principal', issues);
  if (has('NotPrincipal')) {
    if (kind === 'trust') {
      issues.error(
        'E-POLICY-PRINCIPAL-NOT-ALLOWED',
        'NotPrincipal is not allowed in role trust policies',
        at('NotPrincipal'),
        'use Principal, with a Condition to narrow it',
      );
    } else if (effect === 'Allow') {
      issues.error(
        'E-POLICY-NOTPRINCIPAL-ALLOW',
        'NotPrincipal can only be used with "Effect": "Deny"',
        at('NotPrincipal'),
        'use Principal with Allow, or switch the statement to Deny',
      );
    }
    checkPrincipal(statement['NotPrincipal'], at('NotPrincipal'), 'NotPrincipal', issues);
  }
}
