import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node } from 'yaml';
import { MAX_ALIAS_VALUES, MAX_NESTING, TOO_DEEP_HINT, type LimitProblem } from './yaml-limits.js';

/** Keys that would change or shadow an object's prototype; refused wherever they appear. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Converted {
  value: unknown;
  /** Values in it, aliases expanded (a scalar is 1). */
  size: number;
  /** Containers nested in it, aliases expanded (a scalar is 0). */
  height: number;
}

/** A problem that stops the conversion, at the node that caused it. */
class Stop extends Error {
  constructor(readonly problem: LimitProblem) {
    super(problem.message);
  }
}

function offsetOf(node: { range?: readonly number[] | null | undefined } | null | undefined): number {
  return node?.range?.[0] ?? 0;
}

function keyText(key: unknown, resolve: (alias: Alias) => Node | undefined): string {
  if (isScalar(key)) return String(key.value);
  if (isAlias(key)) {
    const target = resolve(key);
    if (isScalar(target)) return String(target.value);
  }
  return String(key);
}

/**
 * Turns a YAML document into plain values. Each anchor is resolved once, where it is defined, and
 * an alias copies the result: aliases cost what they add, never a search of the document. The
 * values aliases add, and the nesting they create, are bounded (see yaml-limits.ts).
 */
export class YamlValues {
  readonly problems: LimitProblem[] = [];
  private readonly anchors = new Map<string, Node>();
  private readonly converted = new Map<Node, Converted>();
  private readonly open = new Set<Node>();
  private readonly nodeOf = new WeakMap<object, Node>();
  private expanded = 0;

  /** `onContainer` learns the YAML node each mapping and list came from (copies included). */
  constructor(private readonly onContainer: (value: object, node: Node) => void) {}

  /** The document's value, or undefined when a problem stopped the conversion (see `problems`). */
  convert(doc: Document): unknown {
    if (!doc.contents) return null;
    try {
      return this.walk(doc.contents, 0).value;
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
      this.problems.push(err.problem);
      return undefined;
    }
  }

  private walk(node: unknown, depth: number): Converted {
    if (isAlias(node)) return this.expand(node, depth);
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return { value: null, size: 1, height: 0 };
    if (node.anchor) {
      this.anchors.set(node.anchor, node);
      this.open.add(node);
    }
    const result = isScalar(node) ? { value: node.value, size: 1, height: 0 } : this.container(node, depth + 1);
    if (node.anchor) {
      this.open.delete(node);
      this.converted.set(node, result);
    }
    return result;
  }

  private container(node: Node, depth: number): Converted {
    if (depth > MAX_NESTING)
      throw new Stop({
        code: 'E-YAML-TOO-DEEP',
        message: `values are nested more than ${MAX_NESTING} levels deep`,
        hint: TOO_DEEP_HINT,
        offset: offsetOf(node),
      });
    let size = 1;
    let height = 0;
    const add = (c: Converted) => {
      size += c.size;
      height = Math.max(height, c.height);
    };
    let out: Record<string, unknown> | unknown[];
    if (isMap(node)) {
      const map: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.anchor) this.anchors.set(pair.key.anchor, pair.key);
        const key = keyText(pair.key, (a) => this.anchors.get(a.source));
        const value = this.walk(pair.value, depth);
        if (RESERVED_KEYS.has(key)) {
          this.problems.push({
            code: 'E-RESERVED-KEY',
            message: `\`${key}\` cannot be used as a key`,
            hint: 'remove or rename the key; Bulkhead refuses names that JavaScript objects reserve',
            offset: offsetOf(pair.key as Node),
          });
          continue;
        }
        map[key] = value.value;
        add(value);
      }
      out = map;
    } else {
      out = (node as unknown as { items: unknown[] }).items.map((item) => {
        const c = this.walk(item, depth);
        add(c);
        return c.value;
      });
    }
    this.nodeOf.set(out, node);
    this.onContainer(out, node);
    return { value: out, size, height: height + 1 };
  }

  private expand(alias: Alias, depth: number): Converted {
    const at = offsetOf(alias);
    const target = this.anchors.get(alias.source);
    if (!target)
      throw new Stop({
        code: 'E-YAML-UNKNOWN-ALIAS',
        message: `alias *${alias.source} refers to no anchor before it`,
        hint: `define the anchor (&${alias.source}) before the first alias to it`,
        offset: at,
      });
    const done = this.converted.get(target);
    if (this.open.has(target) || !done)
      throw new Stop({
        code: 'E-YAML-ALIAS-CYCLE',
        message: `alias *${alias.source} is inside the value it refers to`,
        hint: 'an alias cannot repeat a value that contains it; write the value out',
        offset: at,
      });
    if (depth + done.height > MAX_NESTING)
      throw new Stop({
        code: 'E-YAML-TOO-DEEP',
        message: `alias *${alias.source} nests values more than ${MAX_NESTING} levels deep`,
        hint: TOO_DEEP_HINT,
        offset: at,
      });
    this.expanded += done.size;
    if (this.expanded > MAX_ALIAS_VALUES)
      throw new Stop({
        code: 'E-YAML-ALIAS-LIMIT',
        message: `aliases expand to more than ${MAX_ALIAS_VALUES.toLocaleString('en-US')} values (at *${alias.source})`,
        hint: 'write the values out, or use fewer aliases of large values',
        offset: at,
      });
    return { ...done, value: this.copy(done.value) };
  }

  /** A deep copy, so that later changes to one use of an alias (merging includes) leave the others. */
  private copy(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const out = Array.isArray(value)
      ? value.map((v) => this.copy(v))
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.copy(v)]));
    const node = this.nodeOf.get(value);
    if (node) {
      this.nodeOf.set(out, node);
      this.onContainer(out, node);
    }
    return out;
  }
}
