/**
 * Profile names from a pattern such as `{environment}-{permissionSet}`: lower-cased, every character outside
 * [a-z0-9-_.] turned into `-`, so the AWS CLI takes them (`--profile dev-poweruser`) and no shell needs quotes.
 */
import { BulkheadError, UsageError } from '../../core/errors.js';
import { didYouMeanAmong } from '../../core/suggest.js';
import type { Entitlement } from './entitlements.js';

export const DEFAULT_NAME_PATTERN = '{environment}-{permissionSet}';
const TOKENS = ['environment', 'permissionSet', 'account', 'org'] as const;

export const safeName = (s: string): string => s.toLowerCase().replace(/[^a-z0-9\-_.]/g, '-');

/** Fails on an unknown `{token}` (with did-you-mean) and on a pattern without any token. */
export function checkPattern(pattern: string): void {
  const used = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
  for (const token of used) {
    if ((TOKENS as readonly string[]).includes(token)) continue;
    throw new UsageError(
      `--name-pattern has an unknown token {${token}}`,
      didYouMeanAmong(token, TOKENS) ?? `the tokens are ${TOKENS.map((t) => `{${t}}`).join(', ')}`,
    );
  }
  if (!used.includes('environment') && !used.includes('account'))
    throw new UsageError(
      `--name-pattern "${pattern}" names no account: every profile would get the same name`,
      'use {environment} or {account}, e.g. "{environment}-{permissionSet}"',
    );
}

export interface NamedEntitlement extends Entitlement {
  profile: string;
  /** The environment has other accounts too: choosing it needs the account as well. */
  sharedEnvironment: boolean;
}

/**
 * One name per entitlement. Where an environment has several accounts (in the spec or among the
 * entitlements) and the pattern has no {account}, the account name follows the environment.
 */
export function nameProfiles(
  entitlements: readonly Entitlement[],
  options: { pattern: string; org: string; accountsPerEnvironment: ReadonlyMap<string, number> },
): NamedEntitlement[] {
  checkPattern(options.pattern);
  const seen = new Map<string, Set<string>>();
  for (const e of entitlements) seen.set(e.environment, (seen.get(e.environment) ?? new Set()).add(e.accountName));
  const several = (env: string) => Math.max(options.accountsPerEnvironment.get(env) ?? 0, seen.get(env)?.size ?? 0) > 1;
  const named = entitlements.map((e) => {
    const pattern =
      several(e.environment) && !options.pattern.includes('{account}')
        ? options.pattern.replace('{environment}', '{environment}-{account}')
        : options.pattern;
    const values: Record<(typeof TOKENS)[number], string> = {
      environment: e.environment,
      permissionSet: e.permissionSet,
      account: e.accountName,
      org: options.org,
    };
    const profile = safeName(pattern.replace(/\{(\w+)\}/g, (_, t: string) => values[t as (typeof TOKENS)[number]]));
    return { ...e, profile, sharedEnvironment: several(e.environment) };
  });
  const byName = new Map<string, NamedEntitlement[]>();
  for (const n of named) byName.set(n.profile, [...(byName.get(n.profile) ?? []), n]);
  for (const [profile, list] of byName) {
    if (list.length < 2) continue;
    const what = list.map((n) => `${n.permissionSet} in ${n.accountName}`).join(' and ');
    throw new BulkheadError('profile-name-clash', `the name pattern gives ${what} the same profile name "${profile}"`, {
      hint: 'choose a pattern that tells them apart with --name-pattern, e.g. "{account}-{permissionSet}"',
    });
  }
  return named;
}
