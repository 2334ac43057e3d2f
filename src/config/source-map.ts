import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { LimitProblem } from './yaml-limits.js';
import { YamlValues } from './yaml-values.js';

/** A problem found while converting, with its place. */
export type ProblemAt = Omit<LimitProblem, 'offset'> & SourcePosition;

/** A place in a source file, 1-based as editors show it. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

interface SourceFile {
  file: string;
  lineCounter: LineCounter;
}

interface ContainerOrigin {
  source: SourceFile;
  node: Node;
}

/**
 * Remembers where every mapping and sequence of the loaded spec came from, so that a path such as
 * `accounts[3].email` found by the schema or a rule maps back to file:line:column — across included
 * files too, since merged lists keep the origin of each item.
 */
export class SourceMap {
  private readonly containers = new WeakMap<object, ContainerOrigin>();
  private readonly mergedItems = new WeakMap<unknown[], (SourcePosition | undefined)[]>();
  private readonly roots: SourceFile[] = [];

  /**
   * Converts a YAML document to plain values, recording the origin of every container. The value is
   * undefined when the document goes over a limit; `problems` say where.
   */
  toJs(doc: Document, file: string, lineCounter: LineCounter): { value: unknown; problems: ProblemAt[] } {
    const source: SourceFile = { file, lineCounter };
    this.roots.push(source);
    const values = new YamlValues((out, node) => this.containers.set(out, { source, node }));
    const value = values.convert(doc);
    return {
      value,
      problems: values.problems.map(({ offset, ...p }) => ({ ...p, ...this.position(source, offset) })),
    };
  }

  /** Declares `merged` as the concatenation of `parts` (lists merged from included files). */
  recordMergedList(merged: unknown[], parts: unknown[][]): void {
    const items: (SourcePosition | undefined)[] = [];
    for (const part of parts) {
      for (let i = 0; i < part.length; i++) items.push(this.locate(part, [i]));
    }
    this.mergedItems.set(merged, items);
  }

  /** Copies the origin of one container to another (used when a mapping is rebuilt during a merge). */
  alias(from: object, to: object): void {
    const origin = this.containers.get(from);
    if (origin) this.containers.set(to, origin);
  }

  /**
   * Finds the position of `path` below `root`. With `atKey`, points at the last key rather than its
   * value (for unknown keys). A path that runs past what exists points at the deepest part that does.
   */
  locate(
    root: unknown,
    path: readonly (string | number)[],
    options: { atKey?: boolean } = {},
  ): SourcePosition | undefined {
    let value: unknown = root;
    let best = this.positionOfContainer(root);
    for (let i = 0; i < path.length; i++) {
      const step = path[i]!;
      const last = i === path.length - 1;
      if (value === null || typeof value !== 'object') break;
      const merged = Array.isArray(value) ? this.mergedItems.get(value) : undefined;
      if (merged && typeof step === 'number') {
        const pos = merged[step];
        if (pos) best = pos;
        value = (value as unknown[])[step];
        continue;
      }
      const origin = this.containers.get(value);
      if (origin) {
        const pos = this.childPosition(origin, step, last && options.atKey === true);
        if (pos) best = pos;
      }
      value = (value as Record<string | number, unknown>)[step];
      const own = this.positionOfContainer(value);
      if (own && !(last && options.atKey)) best = own;
    }
    return best;
  }

  private positionOfContainer(value: unknown): SourcePosition | undefined {
    if (value === null || typeof value !== 'object') return undefined;
    const origin = this.containers.get(value);
    if (!origin?.node.range) return undefined;
    return this.position(origin.source, origin.node.range[0]);
  }

  private childPosition(origin: ContainerOrigin, step: string | number, atKey: boolean): SourcePosition | undefined {
    const { node, source } = origin;
    if (isMap(node)) {
      const pair = node.items.find(
        (p: Pair) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(step),
      );
      if (!pair) return undefined;
      const target = atKey || !pair.value ? pair.key : pair.value;
      const range = (target as Node | null)?.range ?? (isPair(pair) && isScalar(pair.key) ? pair.key.range : undefined);
      return range ? this.position(source, range[0]) : undefined;
    }
    if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      return item?.range ? this.position(source, item.range[0]) : undefined;
    }
    return undefined;
  }

  private position(source: SourceFile, offset: number): SourcePosition {
    const { line, col } = source.lineCounter.linePos(offset);
    return { file: source.file, line, column: col };
  }
}
