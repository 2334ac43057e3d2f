import type { Kind } from '../model/kinds.js';
import type { PlanContext } from './context.js';

/** The pure planner of one kind: desired vs observed → changes. No I/O. */
export interface KindPlanner<K extends Kind = Kind> {
  kind: K;
  /** Kinds this kind's changes may wait for; planning order and reverse delete order follow. */
  after: readonly Kind[];
  /** Creates, updates, moves, attaches and detaches, in dependency order of kinds. */
  diff(ctx: PlanContext): void;
  /** Deletions, planned once every kind has diffed, in reverse dependency order. */
  removals?(ctx: PlanContext): void;
}

/**
 * The kinds in dependency order (Kahn's algorithm; ties in code-point order of the kind name, so
 * the order never depends on how the registry is listed). Throws on a cycle: a programming error.
 */
export function dependencyOrder<K extends Kind>(planners: readonly KindPlanner<K>[]): KindPlanner<K>[] {
  const byKind = new Map(planners.map((p) => [p.kind as Kind, p]));
  const done = new Set<Kind>();
  const out: KindPlanner<K>[] = [];
  while (out.length < planners.length) {
    const ready = planners
      .filter((p) => !done.has(p.kind) && p.after.every((k) => done.has(k) || !byKind.has(k)))
      .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    const next = ready[0];
    if (!next) throw new Error(`planner dependencies form a cycle among ${planners.map((p) => p.kind).join(', ')}`);
    done.add(next.kind);
    out.push(next);
  }
  return out;
}
