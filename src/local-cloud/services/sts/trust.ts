import type { Principal } from '../../auth/credentials.js';

/**
 * A deliberately small trust-policy evaluator for AssumeRole: Allow/Deny statements whose Action
 * covers sts:AssumeRole and whose Principal names the caller (its account, account root, role ARN,
 * session ARN, or *). Conditions other than sts:ExternalId equality make a statement not apply.
 * The full evaluator (src/access/) will replace it.
 */
type Json = Record<string, unknown>;

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function actionMatches(action: unknown, notAction: unknown): boolean {
  const matches = (pattern: unknown): boolean => {
    if (typeof pattern !== 'string') return false;
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    return re.test('sts:AssumeRole');
  };
  if (notAction !== undefined) return !asList(notAction).some(matches);
  return asList(action).some(matches);
}

function principalMatches(principal: unknown, caller: Principal): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const ids = new Set([caller.accountId, `arn:aws:iam::${caller.accountId}:root`, caller.arn, ...(caller.roleArn === undefined ? [] : [caller.roleArn]), '*']);
  return asList((principal as Json).AWS).some((p) => typeof p === 'string' && ids.has(p));
}

function conditionHolds(condition: unknown, externalId: string | undefined): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) return false;
  for (const [op, block] of Object.entries(condition as Json)) {
    if (op !== 'StringEquals' || typeof block !== 'object' || block === null) return false;
    for (const [key, value] of Object.entries(block as Json)) {
      if (key.toLowerCase() !== 'sts:externalid') return false;
      if (externalId === undefined || !asList(value).includes(externalId)) return false;
    }
  }
  return true;
}

export function trustAllows(document: string, caller: Principal, externalId: string | undefined): boolean {
  let policy: Json;
  try {
    policy = JSON.parse(document) as Json;
  } catch {
    return false;
  }
  let allowed = false;
  for (const raw of asList(policy.Statement)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const s = raw as Json;
    if (!actionMatches(s.Action, s.NotAction) || !principalMatches(s.Principal, caller) || !conditionHolds(s.Condition, externalId)) continue;
    if (s.Effect === 'Deny') return false;
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
