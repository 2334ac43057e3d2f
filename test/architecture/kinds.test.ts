import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS, type Kind } from '../../src/model/kinds.js';
import { dependencyOrder, type KindPlanner } from '../../src/plan/planner.js';
import { PLANNERS, PLANNING_ORDER } from '../../src/plan/registry.js';
import { allProviders, READERS } from '../../src/providers/aws/registry.js';
import type { AwsClients } from '../../src/providers/aws/clients.js';
import { emptyObservedState } from '../../src/model/observed.js';

const PROVIDERS = await allProviders();

// Adding a kind touches several registries; these checks say which one was forgotten.
const ROOT = join(import.meta.dirname, '..', '..');
const PLAN_CASES = join(ROOT, 'test', 'cases', 'plan');

/** The kinds a rendered plan names: each change line is `<symbol> <action> <kind> <label>`. */
function kindsInExpectedPlans(): Set<string> {
  const seen = new Set<string>();
  for (const name of readdirSync(PLAN_CASES)) {
    const file = join(PLAN_CASES, name, 'expected.txt');
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(
      /^ {2}\S+ (?:create|update|move|attach|detach|delete|close)\s+(\S+) /gm,
    ))
      seen.add(m[1]!);
  }
  return seen;
}

/** Whether a text names a kind as a whole word (`policy` inside `policy-type` does not count). */
const mentions = (text: string, kind: string) => new RegExp(`(?<![\\w-])${kind}(?![\\w-])`).test(text);

describe('kind registry', () => {
  it.each(KINDS)('%s has a planner registered under its own kind', (kind) => {
    expect(PLANNERS[kind]).toBeDefined();
    expect(PLANNERS[kind].kind).toBe(kind);
  });

  it('registers no planner or provider for a kind KINDS lacks', () => {
    expect(Object.keys(PLANNERS).sort()).toEqual([...KINDS].sort());
    expect(Object.keys(PROVIDERS).sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)('%s has a provider registered under its own kind', (kind) => {
    expect(PROVIDERS[kind]).toBeDefined();
    expect(PROVIDERS[kind].kind).toBe(kind);
  });

  it.each(KINDS)('%s is read by some reader', (kind) => {
    expect(READERS.filter((r) => r.kinds.includes(kind)).map((r) => r.service)).not.toEqual([]);
  });

  it.each(READERS.map((r) => [r.service, r] as const))(
    'the %s reader, once loaded, is the one the registry describes',
    async (_, entry) => {
      const reader = await entry.load();
      expect(reader.service).toBe(entry.service);
      expect(reader.kinds).toEqual(entry.kinds);
      expect(reader.afterOthers === true).toBe(entry.afterOthers);
    },
  );

  // A refresh does not load a reader the registry says is not wanted; loaded anyway, it must read nothing either.
  const prior = emptyObservedState();
  prior.organization.push({
    id: 'o-example',
    arn: 'arn:aws:organizations::111111111111:organization/o-example',
    managementAccountId: '111111111111',
    featureSet: 'ALL',
    root: { id: 'r-abcd', arn: 'arn:aws:organizations::111111111111:root/o-example/r-abcd', tags: {} },
  });
  const untouchable = new Proxy({} as AwsClients, {
    get: (_, name) => {
      throw new Error(`a reader that is not wanted used clients.${String(name)}`);
    },
  });
  // The security services are asked for by an option alone (`audit.security`); read, they still find nothing to read
  // without an organization.
  const noOrganization = { prior: emptyObservedState() };
  const cases = READERS.filter((r) => r.afterOthers).map((r) =>
    r.service === 'security-services'
      ? ([r.service, r, { identity: false, security: true }, noOrganization] as const)
      : ([r.service, r, { identity: false, security: false }, { prior }] as const),
  );
  it.each(cases)(
    'the %s reader, when the registry says it is not wanted, reads nothing',
    async (_, entry, wants, context) => {
      expect(entry.wanted(wants, context)).toBe(false);
      const read = await (await entry.load()).read(untouchable, undefined, context);
      expect(Object.values(read).flat()).toEqual([]);
    },
  );

  it.each(KINDS)('%s is named in the machine-interface docs (and docs/architecture.md once it exists)', (kind) => {
    // machine-interface.md documents the `kind` field of every change; architecture.md (being written
    // alongside) is where kinds.ts sends whoever adds a kind, so it must name them all too.
    expect(mentions(readFileSync(join(ROOT, 'docs', 'machine-interface.md'), 'utf8'), kind)).toBe(true);
    const architecture = join(ROOT, 'docs', 'architecture.md');
    if (existsSync(architecture)) expect(mentions(readFileSync(architecture, 'utf8'), kind)).toBe(true);
  });

  it.each(KINDS)('%s appears in at least one plan snapshot (test/cases/plan/*/expected.txt)', (kind) => {
    expect([...kindsInExpectedPlans()]).toContain(kind);
  });
});

const fake = (kind: Kind, after: Kind[]): KindPlanner => ({ kind, after, diff: () => {} });

/** Every planner comes after each planner it names in `after` (that is in the list). */
function assertTopological(order: readonly KindPlanner[]): void {
  const position = new Map(order.map((p, i) => [p.kind, i]));
  for (const p of order)
    for (const dep of p.after) {
      if (position.has(dep)) expect(position.get(dep)!, `${dep} before ${p.kind}`).toBeLessThan(position.get(p.kind)!);
    }
}

describe('dependencyOrder', () => {
  it('orders the registered planners topologically, each once', () => {
    const order = dependencyOrder(Object.values(PLANNERS) as KindPlanner[]);
    expect(order.map((p) => p.kind).sort()).toEqual([...KINDS].sort());
    assertTopological(order);
    expect(PLANNING_ORDER.map((p) => p.kind)).toEqual(order.map((p) => p.kind));
  });

  it('does not depend on the order the registry lists planners in', () => {
    const planners = Object.values(PLANNERS) as KindPlanner[];
    const forward = dependencyOrder(planners).map((p) => p.kind);
    expect(dependencyOrder([...planners].reverse()).map((p) => p.kind)).toEqual(forward);
  });

  it('ignores dependencies on kinds that are not in the list', () => {
    const order = dependencyOrder([fake('account', ['organizational-unit']), fake('organization', [])]);
    expect(order.map((p) => p.kind)).toEqual(['account', 'organization']);
  });

  it('puts a dependency first even when its name sorts later', () => {
    const order = dependencyOrder([fake('account', ['policy']), fake('policy', [])]);
    expect(order.map((p) => p.kind)).toEqual(['policy', 'account']);
  });

  it('throws on a cycle, naming the kinds', () => {
    const cyclic = [fake('organization', []), fake('account', ['policy']), fake('policy', ['account'])];
    expect(() => dependencyOrder(cyclic)).toThrow(/cycle among .*account.*policy/);
  });

  it('throws on a kind that waits for itself', () => {
    expect(() => dependencyOrder([fake('policy', ['policy'])])).toThrow(/cycle/);
  });
});
