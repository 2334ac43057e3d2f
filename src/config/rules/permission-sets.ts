import { showInvisible, showNonAscii } from '../../core/suggest.js';
import type { PermissionSetSpec } from '../schema.js';
import { checkTags } from './aws-values.js';
import { findDuplicates, type Path, type RuleContext } from './context.js';

// Limits from the IAM Identity Center API reference (botocore's sso-admin 2020-07-20 model agrees):
// PermissionSetName 1-32 of [\w+=,.@-]; PermissionSetDescription 1-700 of [\t\n\r\u0020-\u007E\u00A1-\u00FF];
// RelayState 1-240 of [a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[] (){}]; TagList at most 75 tags (TagKey 1-128,
// TagValue 0-256, as for Organizations). CustomerManagedPolicyReference: Name (ManagedPolicyName) 1-128 of
// [\w+=,.@-], Path (ManagedPolicyPath) 1-512 matching ((/[A-Za-z0-9.,+@=_-]+)*)/, IAM's path rule.
// Quotas (IAM Identity Center User Guide, "Quotas"): 20 AWS managed and customer managed policies per permission
// set, with the note that IAM's own default quota is 10 managed policies per role ("Managed policies attached to an
// IAM role", adjustable to 20 per account), so more than 10 fails in every account that has not raised it.
const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
const DESCRIPTION_CHAR = /[\t\n\r\u0020-\u007e\u00a1-\u00ff]/;
const MAX_DESCRIPTION = 700;
const RELAY_STATE_CHAR = /[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]/;
const MAX_RELAY_STATE = 240;
const MAX_PERMISSION_SET_TAGS = 75;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const IAM_PATH = /^(?:\/[A-Za-z0-9.,+@=_-]+)*\/$/;
const MAX_IAM_PATH = 512;
export const MAX_POLICIES_PER_PERMISSION_SET = 20;
export const IAM_DEFAULT_POLICIES_PER_ROLE = 10;
// ISO-8601 duration, hours and minutes; Identity Center allows 1 to 12 hours.
const SESSION_DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?$/;

const length = (s: string) => [...s].length;
const badCharacters = (s: string, allowed: RegExp) => [...new Set([...s].filter((c) => !allowed.test(c)))];
const listCharacters = (chars: string[]) =>
  chars
    .slice(0, 5)
    .map((c) => `\`${showNonAscii(c)}\``)
    .join(', ');

/** Permission sets: names, descriptions, session, relay state, tags, policy references and counts. */
export function checkPermissionSets(ctx: RuleContext): void {
  const sets = ctx.spec.identity?.permissionSets ?? [];
  for (const d of findDuplicates(sets, (p) => p.name)) {
    ctx.error(
      'E-DUPLICATE-PERMISSION-SET',
      ['identity', 'permissionSets', d.index, 'name'],
      `permission set "${d.key}" is defined twice`,
      { hint: 'permission set names must be unique; rename or merge one' },
    );
  }
  sets.forEach((set, i) => checkPermissionSet(ctx, set, ['identity', 'permissionSets', i]));
}

function checkPermissionSet(ctx: RuleContext, set: PermissionSetSpec, path: Path): void {
  if (!PERMISSION_SET_NAME.test(set.name)) {
    ctx.error(
      'E-PERMISSION-SET-NAME',
      [...path, 'name'],
      `permission set name "${set.name}" must be 1-32 characters of letters, digits and +=,.@_-`,
      { hint: `e.g. "${set.name.replace(/[^\w+=,.@-]/g, '').slice(0, 32) || 'PowerUser'}"` },
    );
  }
  if (set.description !== undefined) checkDescription(ctx, set.name, set.description, [...path, 'description']);
  if (set.sessionDuration !== undefined) checkSessionDuration(ctx, set.sessionDuration, [...path, 'sessionDuration']);
  if (set.relayState !== undefined) checkRelayState(ctx, set.relayState, [...path, 'relayState']);
  // Bulkhead tags every permission set managed-by=bulkhead.
  checkTags(ctx, set.tags, [...path, 'tags'], `permission set "${set.name}"`, 1, {}, MAX_PERMISSION_SET_TAGS);
  (set.customerManagedPolicies ?? []).forEach((ref, j) => {
    const at: Path = [...path, 'customerManagedPolicies', j];
    if (typeof ref === 'string') checkPolicyName(ctx, ref, at);
    else {
      checkPolicyName(ctx, ref.name, [...at, 'name']);
      if (ref.path !== undefined) checkIamPath(ctx, ref.path, [...at, 'path']);
    }
  });
  const boundary = set.permissionBoundary;
  if (boundary?.customerManagedPolicy !== undefined)
    checkPolicyName(ctx, boundary.customerManagedPolicy, [...path, 'permissionBoundary', 'customerManagedPolicy']);
  if (boundary?.path !== undefined) {
    if (boundary.customerManagedPolicy === undefined && boundary.managedPolicy !== undefined)
      ctx.error(
        'E-PERMISSION-BOUNDARY',
        [...path, 'permissionBoundary', 'path'],
        'a permission boundary `path` applies only to a customer managed boundary',
        { hint: 'remove `path`, or name the policy under `customerManagedPolicy`' },
      );
    checkIamPath(ctx, boundary.path, [...path, 'permissionBoundary', 'path']);
  }
  checkPolicyCount(ctx, set, path);
}

function checkDescription(ctx: RuleContext, name: string, value: string, path: Path): void {
  const bad = badCharacters(value, DESCRIPTION_CHAR);
  if (value.length === 0 || length(value) > MAX_DESCRIPTION) {
    ctx.error(
      'E-PERMISSION-SET-DESCRIPTION',
      path,
      `the description of permission set "${showInvisible(name)}" is ${length(value)} characters; IAM Identity Center allows 1 to ${MAX_DESCRIPTION}`,
      { hint: value.length === 0 ? 'remove the empty description' : 'shorten the description' },
    );
  } else if (bad.length > 0) {
    ctx.error(
      'E-PERMISSION-SET-DESCRIPTION',
      path,
      `the description of permission set "${showInvisible(name)}" has characters IAM Identity Center refuses: ${listCharacters(bad)}`,
      { hint: 'use Latin-1 text only (letters, digits, punctuation, accented Latin letters)' },
    );
  }
}

function checkSessionDuration(ctx: RuleContext, value: string, path: Path): void {
  const m = SESSION_DURATION.exec(value);
  const minutes = m && (m[1] || m[2]) ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : NaN;
  if (Number.isNaN(minutes)) {
    ctx.error('E-SESSION-DURATION', path, `session duration "${value}" is not an ISO-8601 duration`, {
      hint: 'write hours and minutes, e.g. PT8H or PT1H30M',
    });
  } else if (minutes < 60 || minutes > 720) {
    ctx.error(
      'E-SESSION-DURATION',
      path,
      `session duration ${value} is outside what IAM Identity Center allows (PT1H to PT12H)`,
      { hint: 'choose a duration from PT1H to PT12H' },
    );
  }
}

function checkRelayState(ctx: RuleContext, value: string, path: Path): void {
  const bad = badCharacters(value, RELAY_STATE_CHAR);
  if (value.length === 0 || value.length > MAX_RELAY_STATE) {
    ctx.error(
      'E-RELAY-STATE',
      path,
      `the relay state is ${value.length} characters; IAM Identity Center allows 1 to ${MAX_RELAY_STATE}`,
      { hint: value.length === 0 ? 'remove the empty relayState' : 'use a shorter URL' },
    );
    return;
  }
  if (bad.length > 0) {
    ctx.error(
      'E-RELAY-STATE',
      path,
      `the relay state "${showNonAscii(value)}" has characters IAM Identity Center refuses: ${listCharacters(bad)}`,
      { hint: 'percent-encode them, e.g. a space as %20' },
    );
    return;
  }
  if (!isHttpsUrl(value)) {
    ctx.warn('W-RELAY-STATE-NOT-URL', path, `the relay state "${value}" is not an https:// URL`, {
      hint: 'users land on this URL after signing in, e.g. https://console.aws.amazon.com/ec2/',
    });
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

function checkPolicyName(ctx: RuleContext, name: string, path: Path): void {
  if (POLICY_NAME.test(name)) return;
  const cleaned = name.replace(/[^\w+=,.@-]/g, '').slice(0, 128);
  ctx.error(
    'E-CUSTOMER-MANAGED-POLICY-NAME',
    path,
    length(name) > 128
      ? `customer managed policy name "${showInvisible(name.slice(0, 40))}…" is ${length(name)} characters; IAM allows 128`
      : `customer managed policy name "${showNonAscii(name)}" must be 1-128 letters, digits and +=,.@_-`,
    {
      hint: name.includes('/')
        ? 'give the path separately: { name: MyPolicy, path: /team/ }'
        : `IAM policy names have no spaces or other characters${cleaned ? `; e.g. "${cleaned}"` : ''}`,
    },
  );
}

function checkIamPath(ctx: RuleContext, value: string, path: Path): void {
  if (value.length <= MAX_IAM_PATH && IAM_PATH.test(value)) return;
  ctx.error(
    'E-IAM-PATH',
    path,
    value.length > MAX_IAM_PATH
      ? `IAM path is ${value.length} characters; IAM allows ${MAX_IAM_PATH}`
      : `"${showNonAscii(value)}" is not an IAM path`,
    { hint: 'an IAM path starts and ends with /, e.g. / or /team/ or /team/app/' },
  );
}

function checkPolicyCount(ctx: RuleContext, set: PermissionSetSpec, path: Path): void {
  const managed = set.managedPolicies?.length ?? 0;
  const customer = set.customerManagedPolicies?.length ?? 0;
  const count = managed + customer;
  const at: Path = [...path, managed > 0 ? 'managedPolicies' : 'customerManagedPolicies'];
  const what = `permission set "${showInvisible(set.name)}" attaches ${count} policies (${managed} AWS managed, ${customer} customer managed)`;
  if (count > MAX_POLICIES_PER_PERMISSION_SET) {
    ctx.error(
      'E-PERMISSION-SET-TOO-MANY-POLICIES',
      at,
      `${what}; IAM Identity Center allows ${MAX_POLICIES_PER_PERMISSION_SET}`,
      {
        hint: 'merge policies into the inline policy or a customer managed policy, or split the permission set',
        atKey: true,
      },
    );
  } else if (count > IAM_DEFAULT_POLICIES_PER_ROLE) {
    ctx.warn(
      'W-PERMISSION-SET-MANY-POLICIES',
      at,
      `${what}; IAM's default quota is ${IAM_DEFAULT_POLICIES_PER_ROLE} managed policies per role, so assignments fail in accounts that have not raised it`,
      {
        hint: 'raise "Managed policies attached to an IAM role" in Service Quotas in every assigned account, or attach fewer policies',
        atKey: true,
      },
    );
  }
}
