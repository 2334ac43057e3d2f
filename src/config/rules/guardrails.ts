import { canonicalJson } from '../../core/canonical-json.js';
import { didYouMeanAmong } from '../../core/suggest.js';
import { ENVIRONMENT_KINDS } from '../../model/environment.js';
import { formatTarget, type PolicyTarget } from '../../model/organization.js';
import { packGuardrails, type PackedPolicy, type RenderedGuardrail } from '../../guardrails/pack.js';
import { resolveGuardrailTargets, targetKey, type GuardrailTarget } from '../../guardrails/targets.js';
import type { GuardrailContext, GuardrailDefinition } from '../../guardrails/types.js';
import { SCP_MAX_SIZE, scpSize } from '../policy/scp-size.js';
import type { Path, RuleContext } from './context.js';
import { referenceHint } from './names.js';
import type { WalkedOu } from './organizational-units.js';
import { MAX_SCPS_PER_TARGET, type CheckedPolicies } from './policies.js';
import { resolveTarget } from './references.js';
import { trailGuardrailUse } from '../trail.js';

export type GuardrailCatalogue = ReadonlyMap<string, GuardrailDefinition>;

const FORMS = '`root`, `ou:<path>`, `account:<name>`, `environment:<name>` or `kind:<kind>`';

interface Placed {
  index: number;
  use: string;
  /** Canonical parameters, to tell a repeated guardrail from a differently parameterised one. */
  params: string;
  /** Each concrete target with the path of the selector that reached it first. */
  reached: Map<string, { target: PolicyTarget; path: Path }>;
}

/**
 * The `guardrails:` list: each use names a catalogue guardrail (E-GUARDRAIL-UNKNOWN), with parameters it accepts
 * (E-GUARDRAIL-PARAMETER) and targets that exist (E-GUARDRAIL-TARGET); the same guardrail twice on one target is an
 * error, on a target and its parent with the same parameters a warning. The rendered guardrails are packed into SCPs
 * that must fit AWS's limits (E-GUARDRAIL-TOO-LARGE, E-GUARDRAIL-TOO-MANY-POLICIES) and not take a hand-written SCP's
 * name (E-GUARDRAIL-NAME-CLASH). Returns the packed policies.
 */
export function checkGuardrails(
  ctx: RuleContext,
  ous: WalkedOu[],
  placement: ReadonlyMap<string, string>,
  handWritten: CheckedPolicies,
  catalogue: GuardrailCatalogue,
): PackedPolicy[] {
  const written = ctx.spec.guardrails ?? [];
  const implicit = trailGuardrailUse(ctx.spec);
  const uses = implicit ? [...written, implicit.use] : written;
  if (uses.length === 0) return [];
  // The trail's protect-cloudtrail has no place under guardrails:, so its diagnostics point at the trail.
  const pathOf = (i: number): Path => (i < written.length ? ['guardrails', i] : implicit!.path);
  const org = ctx.spec.organization;
  const gctx: GuardrailContext = { homeRegion: org.homeRegion, allowedRegions: org.allowedRegions ?? [] };
  const ouPaths = new Set(ous.map((o) => o.path));
  const accounts = ctx.spec.accounts ?? [];
  const accountNames = new Set(accounts.map((a) => a.name));
  const kinds = new Map(Object.entries(ctx.spec.environments ?? {}).map(([name, e]) => [name, e.kind as string]));

  const rendered: RenderedGuardrail[] = [];
  const placed: Placed[] = [];
  uses.forEach((entry, i) => {
    const base = pathOf(i);
    const definition = catalogue.get(entry.use);
    if (definition === undefined) {
      ctx.error('E-GUARDRAIL-UNKNOWN', [...base, 'use'], `"${entry.use}" is not a guardrail in the catalogue`, {
        hint: `${didYouMeanAmong(entry.use, catalogue.keys()) ?? `the catalogue has ${[...catalogue.keys()].join(', ') || 'no guardrails'}`} (docs/guardrails/README.md lists them)`,
      });
    }
    const parsed = definition?.parse(entry.parameters, gctx);
    if (parsed && !parsed.ok) {
      for (const problem of parsed.problems) {
        ctx.error(
          'E-GUARDRAIL-PARAMETER',
          [...base, 'parameters', ...problem.path],
          `guardrail "${entry.use}": ${problem.message}`,
          { hint: problem.hint ?? `see ${definition!.docPage} for its parameters` },
        );
      }
    }
    const reached = new Map<string, { target: PolicyTarget; path: Path }>();
    const selectors: GuardrailTarget[] = [];
    entry.targets.forEach((raw, j) => {
      const path: Path = [...base, 'targets', j];
      const selector = parseSelector(ctx, raw, path, ouPaths, accountNames, kinds);
      if (selector === undefined) return;
      selectors.push(selector);
      const resolved = resolveGuardrailTargets([selector], accounts, kinds);
      if (resolved.empty.length > 0) {
        ctx.warn(
          'W-GUARDRAIL-TARGET-EMPTY',
          path,
          `target "${raw}" is hosted by no account: the guardrail applies nowhere there`,
          {
            hint: 'give the environment an account (accounts[].environment), or remove the target',
          },
        );
      }
      for (const target of resolved.targets) {
        const key = formatTarget(target);
        if (!reached.has(key)) reached.set(key, { target, path });
      }
    });
    if (!parsed?.ok) return;
    placed.push({ index: i, use: entry.use, params: canonicalJson(parsed.params ?? null), reached });
    rendered.push({
      index: i,
      use: entry.use,
      statements: definition!.render(parsed.params, gctx),
      selectors,
      targets: [...reached.values()].map((r) => r.target),
    });
  });

  checkRepeats(ctx, placed, placement);
  const taken = new Set((ctx.spec.policies?.serviceControlPolicies ?? []).map((p) => p.name));
  const packed = packGuardrails(rendered, { maxSize: SCP_MAX_SIZE, sizeOf: scpSize, taken });
  for (const t of packed.tooLarge) {
    ctx.error(
      'E-GUARDRAIL-TOO-LARGE',
      [...pathOf(t.index), 'use'],
      `guardrail "${t.use}" renders to ${t.size.toLocaleString('en-US')} characters; one SCP holds at most ${SCP_MAX_SIZE.toLocaleString('en-US')}`,
      {
        hint: 'shorten its parameters (fewer entries, wildcards such as t3.*), or split them over two uses of the guardrail on the same targets',
      },
    );
  }
  for (const c of packed.clashes) {
    const handIndex = (ctx.spec.policies?.serviceControlPolicies ?? []).findIndex((p) => p.name === c.name);
    ctx.error(
      'E-GUARDRAIL-NAME-CLASH',
      c.with === 'hand-written'
        ? ['policies', 'serviceControlPolicies', handIndex, 'name']
        : [...pathOf(c.uses[0]!), 'targets'],
      c.with === 'hand-written'
        ? `the SCP "${c.name}" has the name Bulkhead gives the policy packing ${packedList(packed.policies, c.name)}`
        : `two groups of guardrails with different targets would both be packed into "${c.name}"`,
      {
        hint:
          c.with === 'hand-written'
            ? 'rename the hand-written SCP: names starting with `guardrails-` belong to packed guardrails'
            : 'give these guardrails the same targets, or write the targets so their names differ',
      },
    );
  }
  checkPoliciesPerTarget(ctx, placed, packed.policies, handWritten);
  return packed.policies;
}

function packedList(policies: readonly PackedPolicy[], name: string): string {
  return policies.find((p) => p.name === name)?.guardrails.join(', ') ?? 'guardrails';
}

function selectorOf(raw: string): GuardrailTarget | undefined {
  if (raw === 'root') return { type: 'root' };
  const colon = raw.indexOf(':');
  const type = raw.slice(0, colon);
  const ref = raw.slice(colon + 1);
  if (colon < 0) return undefined;
  if (type === 'ou') return { type: 'ou', path: ref };
  if (type === 'account') return { type: 'account', name: ref };
  if (type === 'environment') return { type: 'environment', name: ref };
  if (type === 'kind') return { type: 'kind', kind: ref };
  return undefined;
}

/** A target as written, checked: unknown OUs, accounts, environments and kinds are E-GUARDRAIL-TARGET. */
function parseSelector(
  ctx: RuleContext,
  raw: string,
  path: Path,
  ouPaths: Set<string>,
  accountNames: Set<string>,
  kinds: ReadonlyMap<string, string>,
): GuardrailTarget | undefined {
  const selector = selectorOf(raw);
  if (selector === undefined) {
    const guess = ouPaths.has(raw)
      ? `ou:${raw}`
      : accountNames.has(raw)
        ? `account:${raw}`
        : kinds.has(raw)
          ? `environment:${raw}`
          : (ENVIRONMENT_KINDS as readonly string[]).includes(raw)
            ? `kind:${raw}`
            : undefined;
    ctx.error('E-GUARDRAIL-TARGET', path, `target "${raw}" must be ${FORMS}`, {
      hint: guess ? `did you mean \`${guess}\`?` : 'e.g. root, ou:Workloads/Prod, environment:prod or kind:sandbox',
    });
    return undefined;
  }
  if (selector.type === 'environment') {
    if (kinds.has(selector.name)) return selector;
    if (ctx.isDropped('environments', selector.name)) return undefined;
    ctx.error(
      'E-GUARDRAIL-TARGET',
      path,
      `target "${raw}" names environment "${selector.name}", which is not defined under environments`,
      { hint: referenceHint(selector.name, kinds.keys(), 'environments') },
    );
    return undefined;
  }
  if (selector.type === 'kind') {
    if ((ENVIRONMENT_KINDS as readonly string[]).includes(selector.kind)) return selector;
    ctx.error(
      'E-GUARDRAIL-TARGET',
      path,
      `target "${raw}" names kind "${selector.kind}", which is not an environment kind`,
      {
        hint: referenceHint(selector.kind, ENVIRONMENT_KINDS, 'kinds'),
      },
    );
    return undefined;
  }
  return resolveTarget(ctx, raw, path, ouPaths, accountNames, 'E-GUARDRAIL-TARGET');
}

/** The root and OUs above a target, as target keys (an account's OU counts). */
function ancestorsOf(target: PolicyTarget, placement: ReadonlyMap<string, string>): string[] {
  if (target.type === 'root') return [];
  const ouPath =
    target.type === 'ou' ? target.path.split('/').slice(0, -1).join('/') : (placement.get(target.name) ?? '');
  const parts = ouPath === '' ? [] : ouPath.split('/');
  return ['root', ...parts.map((_, i) => `ou:${parts.slice(0, i + 1).join('/')}`)];
}

/**
 * The same guardrail twice on one target is an error: in one policy their Sids would clash, and of two parameter
 * sets the stricter silently wins. On a target and a parent above it with the same parameters the second is
 * redundant (a warning); with different parameters it narrows the parent's, which is how layering is meant.
 */
function checkRepeats(ctx: RuleContext, placed: readonly Placed[], placement: ReadonlyMap<string, string>): void {
  const byUse = new Map<string, Placed[]>();
  for (const p of placed) byUse.set(p.use, [...(byUse.get(p.use) ?? []), p]);
  for (const group of byUse.values()) {
    const first = new Map<string, Placed>();
    for (const p of group) {
      for (const [key, { path }] of p.reached) {
        const earlier = first.get(key);
        if (earlier !== undefined) {
          ctx.error(
            'E-GUARDRAIL-DUPLICATE',
            path,
            `guardrail "${p.use}" is already used on ${key} (guardrails[${earlier.index}])`,
            { hint: `use each guardrail once per target: remove ${key} here, or merge the two uses into one` },
          );
        } else first.set(key, p);
      }
    }
    for (const p of group) {
      for (const [key, { target, path }] of p.reached) {
        const above = ancestorsOf(target, placement).find((a) => {
          const other = first.get(a);
          return other !== undefined && other !== p && other.params === p.params;
        });
        if (above === undefined) continue;
        ctx.warn(
          'W-GUARDRAIL-REDUNDANT',
          path,
          `guardrail "${p.use}" on ${key} repeats the one on ${above} (guardrails[${first.get(above)!.index}]) with the same parameters; SCPs apply to everything below their target`,
          { hint: `remove ${key} from this use's targets` },
        );
      }
    }
  }
}

/** FullAWSAccess + hand-written + packed SCPs on each concrete target must stay within AWS's 5. */
function checkPoliciesPerTarget(
  ctx: RuleContext,
  placed: readonly Placed[],
  packed: readonly PackedPolicy[],
  handWritten: CheckedPolicies,
): void {
  const hand = new Map<string, string[]>();
  for (const [name, targets] of handWritten.targets)
    for (const t of targets) hand.set(formatTarget(t), [...(hand.get(formatTarget(t)) ?? []), name]);
  const packedOn = new Map<string, PackedPolicy[]>();
  for (const p of packed)
    for (const t of p.targets) packedOn.set(targetKey(t), [...(packedOn.get(targetKey(t)) ?? []), p]);
  for (const [key, policies] of packedOn) {
    const own = hand.get(key) ?? [];
    const total = 1 + own.length + policies.length;
    // Hand-written SCPs alone over the limit are E-TOO-MANY-SCPS already.
    if (total <= MAX_SCPS_PER_TARGET || 1 + own.length > MAX_SCPS_PER_TARGET) continue;
    const where = placed.find((p) => p.reached.has(key))!.reached.get(key)!.path;
    const last = policies[policies.length - 1]!;
    const parts = [
      'FullAWSAccess',
      ...(own.length > 0 ? [`${own.length} hand-written (${own.join(', ')})`] : []),
      `${policies.length} packed from guardrails (${policies.map((p) => `${p.name}: ${p.guardrails.join(', ')}`).join('; ')})`,
    ];
    ctx.error(
      'E-GUARDRAIL-TOO-MANY-POLICIES',
      where,
      `${key} would have ${total} SCPs attached: ${parts.join(', ')}; AWS allows at most ${MAX_SCPS_PER_TARGET} per target`,
      {
        hint: `drop ${last.guardrails.join(' and ')} from ${key}, give the guardrails on ${key} the same targets so they pack into one policy${own.length > 0 ? ', or merge the hand-written SCPs into one' : ''}`,
      },
    );
  }
}
