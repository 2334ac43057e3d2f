import { actionsOf, allServiceKeys, loadedActionsOf, patternMatchesAny, serviceKnown } from '../service-reference.js';
import { wildcardToRegExp } from '../wildcard.js';
import { didYouMean, suggest } from '../../core/suggest.js';
import type { IssueList, Located, PolicyKind } from './types.js';

/** AWS: a role trust policy may only grant the STS actions that act on the role itself. */
const TRUST_ACTIONS = [
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'TagSession',
  'SetSourceIdentity',
  'SetContext',
];

const hasWildcard = (s: string): boolean => s.includes('*') || s.includes('?');

/**
 * Checks `service:action` strings against the catalogue. Matching is case-insensitive, as in IAM.
 * Only the services the document names are loaded.
 */
export async function checkActions(
  refs: readonly Located<string>[],
  kind: PolicyKind,
  issues: IssueList,
): Promise<void> {
  const parsed = refs.map((ref) => ({ ref, parts: splitAction(ref, issues) }));
  const services = new Set<string>();
  for (const { parts } of parsed) if (parts && !hasWildcard(parts.service)) services.add(parts.service.toLowerCase());
  // Load each named service once (in parallel); the checks below then look up synchronously.
  await Promise.all([...services].map(async (s) => ((await serviceKnown(s)) ? actionsOf(s) : undefined)));
  const serviceKeys = await allServiceKeys();

  for (const { ref, parts } of parsed) {
    if (parts === undefined) continue;
    const ok = checkOne(ref, parts.service, parts.action, serviceKeys, issues);
    if (ok && kind === 'trust') checkTrustAction(ref, parts.service, parts.action, issues);
  }
}

function splitAction(ref: Located<string>, issues: IssueList): { service: string; action: string } | undefined {
  const value = ref.value;
  if (value === '*') return undefined;
  const colon = value.indexOf(':');
  const service = colon < 0 ? '' : value.slice(0, colon);
  const action = colon < 0 ? '' : value.slice(colon + 1);
  if (
    colon < 0 ||
    service === '' ||
    action === '' ||
    action.includes(':') ||
    /\s/.test(value) ||
    !/^[A-Za-z0-9*?-]+$/.test(service)
  ) {
    issues.error(
      'E-POLICY-ACTION-FORMAT',
      `action ${JSON.stringify(value)} is not of the form "service:action"`,
      ref.path,
      'write the service prefix, a colon and the action name, e.g. "s3:GetObject", "ec2:Describe*", or "*" for every action',
    );
    return undefined;
  }
  return { service, action };
}

function checkOne(
  ref: Located<string>,
  service: string,
  action: string,
  serviceKeys: readonly string[],
  issues: IssueList,
): boolean {
  if (hasWildcard(service)) {
    const re = wildcardToRegExp(service);
    if (serviceKeys.some((k) => re.test(k))) return true;
    issues.error(
      'E-POLICY-UNKNOWN-SERVICE',
      `service pattern ${JSON.stringify(service)} in ${JSON.stringify(ref.value)} matches no AWS service`,
      ref.path,
    );
    return false;
  }
  const actions = loadedActionsOf(service);
  if (actions === undefined) {
    const close = suggest(service, serviceKeys, { maxDistance: Math.max(2, Math.floor(service.length / 3)) });
    issues.error(
      'E-POLICY-UNKNOWN-SERVICE',
      `unknown service prefix ${JSON.stringify(service)} in action ${JSON.stringify(ref.value)}`,
      ref.path,
      didYouMean(close.map((s) => `${s}:${action}`)) ??
        'use the service prefix from the AWS Service Authorization Reference, e.g. "s3", "ec2", "iam"',
    );
    return false;
  }
  if (hasWildcard(action)) {
    if (patternMatchesAny(service, action, actions)) return true;
    const literal = action.replace(/[*?].*$/, '');
    const close = literal === '' ? [] : suggest(literal, actions.names, { max: 3 });
    issues.error(
      'E-POLICY-ACTION-MATCHES-NOTHING',
      `action pattern ${JSON.stringify(ref.value)} matches no ${service} action`,
      ref.path,
      didYouMean(close.map((n) => `${service}:${n}`)) ??
        `check the spelling; "${service}:*" matches every ${service} action`,
    );
    return false;
  }
  if (actions.lowerSet.has(action.toLowerCase())) return true;
  const close = suggest(action, actions.names, { max: 3 });
  issues.error(
    'E-POLICY-UNKNOWN-ACTION',
    `unknown action ${JSON.stringify(ref.value)}: ${service} has no action ${JSON.stringify(action)}`,
    ref.path,
    didYouMean(close.map((n) => `${service}:${n}`)) ??
      `see the actions of ${service} in the AWS Service Authorization Reference`,
  );
  return false;
}

function checkTrustAction(ref: Located<string>, service: string, action: string, issues: IssueList): void {
  if (service.toLowerCase() === 'sts') {
    const re = wildcardToRegExp(action);
    if (TRUST_ACTIONS.some((a) => re.test(a))) return;
  }
  issues.error(
    'E-POLICY-TRUST-ACTION',
    `action ${JSON.stringify(ref.value)} cannot appear in a role trust policy`,
    ref.path,
    `a trust policy may only allow ${TRUST_ACTIONS.map((a) => `sts:${a}`).join(', ')}; grant other permissions in the role's permission policies`,
  );
}
