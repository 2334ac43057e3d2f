import type { PolicyTarget } from '../../model/organization.js';
import type { ManagedPolicyCatalogue } from '../../iam/managed-policies.js';
import { validatePolicyDocument, type PolicyKind } from '../policy/index.js';
import { INLINE_POLICY_MAX_BYTES, INLINE_POLICY_MAX_CHARACTERS, inlinePolicySize } from '../policy/inline-size.js';
import { checkManagedPolicyNames, managedPolicyNameRefs } from '../policy/managed-policy-names.js';
import { showNonAscii } from '../../core/suggest.js';
import type { Path, RuleContext } from './context.js';
import { resolveTarget } from './references.js';
import type { WalkedOu } from './organizational-units.js';

// AWS Organizations: at most 5 SCPs attached to one root, OU or account. FullAWSAccess counts,
// and Bulkhead keeps it attached everywhere (the deny-list strategy AWS recommends).
export const MAX_SCPS_PER_TARGET = 5;
const IMPLICIT_SCPS = 1;

/** Parses a policy given as a JSON string; YAML mappings pass through. */
export function parsePolicyDocument(ctx: RuleContext, document: unknown, path: Path): unknown {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(document) as unknown;
  } catch (err) {
    ctx.error('E-POLICY-JSON', path, `the policy document is not valid JSON: ${(err as Error).message}`, {
      hint: 'write the policy as YAML instead of a JSON string, or fix the JSON',
    });
    return undefined;
  }
}

async function checkDocument(
  ctx: RuleContext,
  document: unknown,
  kind: PolicyKind,
  path: Path,
): Promise<{ parsed: unknown; valid: boolean }> {
  const parsed = parsePolicyDocument(ctx, document, path);
  if (parsed === undefined) return { parsed, valid: false };
  const issues = await validatePolicyDocument(parsed, kind);
  // Inside a JSON string there are no YAML positions: report at the document itself.
  const inString = typeof document === 'string';
  for (const issue of issues) {
    const where = inString ? path : [...path, ...issue.path];
    const prefix = inString && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    ctx.report(issue.severity, issue.code, where, `${prefix}${issue.message}`, { hint: issue.hint });
  }
  return { parsed, valid: !issues.some((i) => i.severity === 'error') };
}

export interface CheckedPolicies {
  documents: Map<string, unknown>;
  /** Policies whose documents have errors; conclusions drawn from them would mislead. */
  invalid: Set<string>;
  targets: Map<string, PolicyTarget[]>;
  inlinePolicies: Map<string, unknown>;
  /**
   * AWS managed policies that live under a path (`ViewOnlyAccess` is `job-function/ViewOnlyAccess`): the spec's
   * name → the policy's ARN, so that apply attaches the policy AWS has rather than a path-less one it has not.
   */
  managedPolicyArns: Map<string, string>;
}

export async function checkPolicies(
  ctx: RuleContext,
  ous: WalkedOu[],
  managedPolicies: () => ManagedPolicyCatalogue | undefined,
): Promise<CheckedPolicies> {
  const ouPaths = new Set(ous.map((o) => o.path));
  const accountNames = new Set((ctx.spec.accounts ?? []).map((a) => a.name));
  const documents = new Map<string, unknown>();
  const invalid = new Set<string>();
  const targets = new Map<string, PolicyTarget[]>();
  const perTarget = new Map<string, { policies: string[]; path: Path }>();

  const scps = ctx.spec.policies?.serviceControlPolicies ?? [];
  await Promise.all(
    scps.map(async (scp, i) => {
      const base: Path = ['policies', 'serviceControlPolicies', i];
      if (scp.guardrail !== undefined) {
        ctx.error(
          'E-GUARDRAIL-UNSUPPORTED',
          [...base, 'guardrail'],
          `guardrail "${scp.guardrail.id}": guardrails are not written under serviceControlPolicies`,
          {
            hint: `remove \`guardrail:\` here and add it to the top-level list instead: \`guardrails: [{ use: ${scp.guardrail.id}, targets: [...] }]\` (docs/user-guide.md, "Guardrails")`,
          },
        );
      }
      // Targets first, before any await: the maps keep the spec's order, so messages list policies as written.
      const resolved: PolicyTarget[] = [];
      (scp.targets ?? []).forEach((raw, j) => {
        const target = resolveTarget(ctx, raw, [...base, 'targets', j], ouPaths, accountNames);
        if (!target) return;
        resolved.push(target);
        const key =
          target.type === 'root' ? 'root' : target.type === 'ou' ? `ou:${target.path}` : `account:${target.name}`;
        const entry = perTarget.get(key) ?? { policies: [], path: [...base, 'targets', j] };
        entry.policies.push(scp.name);
        perTarget.set(key, entry);
      });
      targets.set(scp.name, resolved);
      if (scp.document === undefined) {
        if (scp.guardrail === undefined)
          ctx.error('E-POLICY-DOCUMENT-MISSING', base, `policy "${scp.name}" has no document`, {
            hint: 'add `document:` with the policy statements',
          });
      } else {
        const checked = await checkDocument(ctx, scp.document, 'scp', [...base, 'document']);
        documents.set(scp.name, checked.parsed);
        if (!checked.valid) invalid.add(scp.name);
      }
    }),
  );
  for (const [target, { policies, path }] of perTarget) {
    if (policies.length + IMPLICIT_SCPS > MAX_SCPS_PER_TARGET) {
      ctx.error(
        'E-TOO-MANY-SCPS',
        path,
        `${target} has ${policies.length} SCPs (${policies.join(', ')}) plus FullAWSAccess; AWS allows at most ${MAX_SCPS_PER_TARGET} per target`,
        {
          hint: 'merge policies, or attach some to a parent OU instead',
        },
      );
    }
  }

  const inlinePolicies = new Map<string, unknown>();
  const sets = ctx.spec.identity?.permissionSets ?? [];
  await Promise.all(
    sets.map(async (set, i) => {
      if (set.inlinePolicy !== undefined) {
        const at: Path = ['identity', 'permissionSets', i, 'inlinePolicy'];
        const checked = await checkDocument(ctx, set.inlinePolicy, 'identity', at);
        inlinePolicies.set(set.name, checked.parsed);
        if (checked.parsed !== undefined) checkInlinePolicySize(ctx, set.name, checked.parsed, at);
      }
      const boundary = set.permissionBoundary;
      if (boundary && (boundary.managedPolicy === undefined) === (boundary.customerManagedPolicy === undefined)) {
        const both = boundary.managedPolicy !== undefined;
        ctx.error(
          'E-PERMISSION-BOUNDARY',
          ['identity', 'permissionSets', i, 'permissionBoundary'],
          both
            ? `the permission boundary of "${set.name}" names both managedPolicy and customerManagedPolicy; a role has one boundary`
            : `the permission boundary of "${set.name}" names no policy`,
          {
            hint: both
              ? 'keep one of managedPolicy or customerManagedPolicy'
              : 'name an AWS managed policy under managedPolicy or a customer managed one under customerManagedPolicy',
            atKey: true,
          },
        );
      }
    }),
  );
  const names = managedPolicyNameRefs(sets);
  const catalogue = names.length === 0 ? undefined : managedPolicies();
  if (catalogue !== undefined)
    for (const p of checkManagedPolicyNames(names, catalogue)) ctx.error(p.code, p.path, p.message, { hint: p.hint });
  const managedPolicyArns = new Map<string, string>();
  for (const { name } of names) {
    const arn = catalogue?.get(name)?.arn;
    if (arn !== undefined && !name.startsWith('arn:') && !arn.endsWith(`:policy/${name}`))
      managedPolicyArns.set(name, arn);
  }
  return { documents, invalid, targets, inlinePolicies, managedPolicyArns };
}

/** The limits IAM Identity Center puts on a permission set's inline policy (size, characters). */
function checkInlinePolicySize(ctx: RuleContext, name: string, parsed: unknown, path: Path): void {
  const size = inlinePolicySize(parsed);
  if (size.bytes > INLINE_POLICY_MAX_BYTES || size.characters > INLINE_POLICY_MAX_CHARACTERS) {
    ctx.error(
      'E-INLINE-POLICY-TOO-LARGE',
      path,
      `the inline policy of permission set "${name}" is ${size.characters} characters without whitespace (${size.bytes} bytes); IAM Identity Center allows ${INLINE_POLICY_MAX_CHARACTERS} characters and ${INLINE_POLICY_MAX_BYTES} bytes`,
      {
        hint: 'move statements into customer managed policies (customerManagedPolicies), or shorten it with wildcards such as "ec2:Describe*" and by dropping Sids',
        atKey: true,
      },
    );
  }
  if (size.refused.length > 0) {
    ctx.error(
      'E-INLINE-POLICY-CHARACTERS',
      path,
      `the inline policy of permission set "${name}" has characters IAM Identity Center refuses: ${size.refused
        .slice(0, 5)
        .map((c) => `\`${showNonAscii(c)}\``)
        .join(', ')}`,
      {
        hint: 'inline policies take Latin-1 characters only (up to U+00FF); write others as wildcards (?)',
        atKey: true,
      },
    );
  }
}
