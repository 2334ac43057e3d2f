import type { PolicyTarget } from '../model/organization.js';
import { targetKey, type GuardrailTarget } from './targets.js';
import type { PolicyStatement } from './types.js';

/** One `guardrails:` entry, rendered and with its targets resolved. */
export interface RenderedGuardrail {
  /** Its index in the spec's `guardrails:` list. */
  index: number;
  use: string;
  statements: PolicyStatement[];
  /** The targets as written (they name the packed policy). */
  selectors: GuardrailTarget[];
  /** The concrete targets: root, OUs and accounts. */
  targets: PolicyTarget[];
}

export interface PackedDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** A service control policy holding the statements of one or more guardrails that share their targets. */
export interface PackedPolicy {
  name: string;
  document: PackedDocument;
  targets: PolicyTarget[];
  /** The guardrails it holds, in spec order. */
  guardrails: string[];
  /** Their indices in `guardrails:`. */
  uses: number[];
  size: number;
}

export interface PackOptions {
  maxSize: number;
  /** The size AWS counts for a document. */
  sizeOf(document: unknown): number;
  /** Names already taken (the hand-written SCPs): a packed policy may not have one. */
  taken?: ReadonlySet<string>;
}

export interface PackResult {
  policies: PackedPolicy[];
  /** Guardrails whose statements alone exceed the size limit; they are in no policy. */
  tooLarge: { index: number; use: string; size: number }[];
  /** Packed policies whose name is taken by a hand-written SCP or by another packed policy. */
  clashes: { name: string; uses: number[]; with: 'hand-written' | 'packed' }[];
}

export const PACKED_PREFIX = 'guardrails-';
const MAX_BASE_LENGTH = 120; // AWS allows 128 characters; room for `-NN`.
const VERSION = '2012-10-17';

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function selectorSlug(target: GuardrailTarget): string {
  switch (target.type) {
    case 'root':
      return 'root';
    case 'ou':
      return `ou-${slug(target.path)}`;
    case 'account':
      return `account-${slug(target.name)}`;
    case 'environment':
      return `env-${slug(target.name)}`;
    case 'kind':
      return `kind-${slug(target.kind)}`;
  }
}

/**
 * The name of a group's policies, from the targets as written of its first guardrail: `guardrails-root`,
 * `guardrails-ou-workloads-prod`, `guardrails-account-acme-prod`, `guardrails-kind-sandbox`; several targets are
 * named by the first in sorted order, `guardrails-ou-sandbox-and-2-more`.
 */
export function packedPolicyBaseName(selectors: readonly GuardrailTarget[]): string {
  const sorted = [...new Map(selectors.map((s) => [targetKey(s), s])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => s);
  const first = sorted[0];
  const more = sorted.length > 1 ? `-and-${sorted.length - 1}-more` : '';
  const base = `${PACKED_PREFIX}${first ? selectorSlug(first) : 'none'}${more}`;
  return base.length <= MAX_BASE_LENGTH ? base : base.slice(0, MAX_BASE_LENGTH).replace(/-+$/, '');
}

function groupKey(targets: readonly PolicyTarget[]): string {
  return targets.map(targetKey).sort().join('\n');
}

/**
 * Packs guardrails into SCPs: guardrails with the same set of concrete targets share policies; within a group the
 * guardrails are taken in spec order and each goes, whole, into the first policy it fits in (first-fit), a new one
 * when none has room. Policies are named after the group (`-2`, `-3` for the overflow), so the same spec always gives
 * the same names and documents, and a guardrail on other targets never renames these. Pure.
 */
export function packGuardrails(guardrails: readonly RenderedGuardrail[], options: PackOptions): PackResult {
  const groups = new Map<string, RenderedGuardrail[]>();
  for (const g of guardrails) {
    if (g.targets.length === 0) continue;
    const key = groupKey(g.targets);
    groups.set(key, [...(groups.get(key) ?? []), g]);
  }
  const policies: PackedPolicy[] = [];
  const tooLarge: PackResult['tooLarge'] = [];
  for (const members of groups.values()) {
    const docs: { statements: PolicyStatement[]; guardrails: string[]; uses: number[]; size: number }[] = [];
    for (const g of members) {
      const alone = options.sizeOf({ Version: VERSION, Statement: g.statements });
      if (alone > options.maxSize) {
        tooLarge.push({ index: g.index, use: g.use, size: alone });
        continue;
      }
      let placed = false;
      for (const doc of docs) {
        const statements = [...doc.statements, ...g.statements];
        const size = options.sizeOf({ Version: VERSION, Statement: statements });
        if (size > options.maxSize) continue;
        Object.assign(doc, { statements, size });
        doc.guardrails.push(g.use);
        doc.uses.push(g.index);
        placed = true;
        break;
      }
      if (!placed) docs.push({ statements: [...g.statements], guardrails: [g.use], uses: [g.index], size: alone });
    }
    const base = packedPolicyBaseName(members[0]!.selectors);
    docs.forEach((doc, i) => {
      policies.push({
        name: i === 0 ? base : `${base}-${i + 1}`,
        document: { Version: VERSION, Statement: doc.statements },
        targets: [...members[0]!.targets],
        guardrails: doc.guardrails,
        uses: doc.uses,
        size: doc.size,
      });
    });
  }
  const clashes: PackResult['clashes'] = [];
  const seen = new Set<string>();
  for (const p of policies) {
    if (options.taken?.has(p.name)) clashes.push({ name: p.name, uses: p.uses, with: 'hand-written' });
    else if (seen.has(p.name)) clashes.push({ name: p.name, uses: p.uses, with: 'packed' });
    seen.add(p.name);
  }
  return { policies, tooLarge, clashes };
}
