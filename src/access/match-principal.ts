/**
 * Principal / NotPrincipal matching for resource policies.
 * AWS: wildcards are not supported inside Principal ARNs (only `"*"` on its own); an account principal
 * (`123456789012` or `arn:aws:iam::123456789012:root`) delegates to the account's identity policies; a role
 * ARN matches every session of that role.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
import { ACCOUNT_ID, splitArn, type PrincipalInfo } from './arn.js';
import type { PrincipalElement, PrincipalMatchKind } from './types.js';

export interface CompiledPrincipal {
  /** The strongest way this element names the caller. */
  match(caller: CallerIdentity): PrincipalMatchKind;
}

/** The caller as principal matching needs it. */
export interface CallerIdentity {
  arn: string;
  info: PrincipalInfo;
}

type Entry =
  | { kind: 'any' }
  | { kind: 'account'; account: string }
  | { kind: 'role'; account: string; roleName: string; arn: string }
  | { kind: 'arn'; arn: string }
  | { kind: 'service'; name: string }
  | { kind: 'other'; value: string };

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function parseAwsEntry(value: string): Entry {
  if (value === '*') return { kind: 'any' };
  if (ACCOUNT_ID.test(value)) return { kind: 'account', account: value };
  const parts = splitArn(value);
  if (parts === undefined) return { kind: 'other', value };
  if (parts.service === 'iam' && parts.resource === 'root') return { kind: 'account', account: parts.account };
  if (parts.service === 'iam' && parts.resource.startsWith('role/')) {
    const roleName = parts.resource.slice(parts.resource.lastIndexOf('/') + 1);
    return { kind: 'role', account: parts.account, roleName, arn: value };
  }
  return { kind: 'arn', arn: value };
}

const RANK: Record<PrincipalMatchKind, number> = { none: 0, account: 1, role: 2, direct: 3 };

function matchEntry(entry: Entry, caller: CallerIdentity): PrincipalMatchKind {
  const { info } = caller;
  switch (entry.kind) {
    case 'any':
      return 'direct';
    case 'account':
      return info.kind !== 'service' && entry.account === info.account ? 'account' : 'none';
    case 'role':
      if (info.kind === 'assumed-role' && info.account === entry.account && info.name === entry.roleName) return 'role';
      // A caller described by its role ARN (no session) is treated as a session of that role.
      if (info.kind === 'role' && caller.arn === entry.arn) return 'role';
      return 'none';
    case 'arn':
      return caller.arn === entry.arn ? 'direct' : 'none';
    case 'service':
      return info.kind === 'service' && caller.arn === entry.name ? 'direct' : 'none';
    case 'other':
      return 'none';
  }
}

export function compilePrincipal(element: PrincipalElement): CompiledPrincipal {
  const entries: Entry[] = [];
  if (element === '*') entries.push({ kind: 'any' });
  else {
    for (const [type, value] of Object.entries(element)) {
      for (const v of toList(value)) {
        if (type === 'AWS') entries.push(parseAwsEntry(v));
        else if (type === 'Service') entries.push(v === '*' ? { kind: 'any' } : { kind: 'service', name: v });
        else entries.push(v === '*' ? { kind: 'any' } : { kind: 'other', value: v });
      }
    }
  }
  return {
    match(caller) {
      let best: PrincipalMatchKind = 'none';
      for (const e of entries) {
        const m = matchEntry(e, caller);
        if (RANK[m] > RANK[best]) best = m;
        if (best === 'direct') break;
      }
      return best;
    },
  };
}
