import type { Mutation, TableName, Tables } from './state.js';

/**
 * A secondary index of one table: records grouped by `keyOf` (undefined leaves a record out). Declared once at
 * module level with `defineIndex`; a store builds it from its table on first use and then keeps it current on
 * every put, delete and journal replay, so a lookup costs the size of its answer, not of the table.
 */
export interface IndexDef<T extends TableName> {
  readonly table: T;
  /** A method (not a function property), so that an index of one table passes where any index is taken. */
  keyOf(record: Tables[T]): string | undefined;
}

export const defineIndex = <T extends TableName>(
  table: T,
  keyOf: (record: Tables[T]) => string | undefined,
): IndexDef<T> => ({ table, keyOf });

/** Index key → (primary key → record), in the order records entered the bucket. */
type Buckets = Map<string, Map<string, unknown>>;

const EMPTY: ReadonlyMap<string, unknown> = new Map<string, unknown>();

/**
 * In-memory tables with a pending-mutation list. Handlers read and write through it; the server
 * hands the pending mutations to the persistence layer before answering the request. The tables are
 * the core ones plus those the services declare (`tableNames` in services/all.ts).
 */
export class Store {
  private readonly tables = new Map<TableName, Map<string, unknown>>();
  private pending: Mutation[] = [];
  /** Bumped on every write, so derived indexes know when to rebuild. */
  private versions = new Map<TableName, number>();
  /** The indexes built so far, per table. */
  private readonly indexes = new Map<TableName, Map<IndexDef<TableName>, Buckets>>();

  /** Tables kept in memory only: their writes are not journaled and snapshots leave them out. */
  private readonly volatile: ReadonlySet<TableName>;

  constructor(names: readonly TableName[], volatile: readonly TableName[] = []) {
    this.volatile = new Set(volatile);
    for (const name of names) {
      this.tables.set(name, new Map());
      this.versions.set(name, 0);
    }
  }

  private table(name: TableName): Map<string, unknown> {
    const t = this.tables.get(name);
    if (t === undefined) throw new Error(`unknown table ${name}`);
    return t;
  }

  get<T extends TableName>(table: T, key: string): Tables[T] | undefined {
    return this.table(table).get(key) as Tables[T] | undefined;
  }

  has(table: TableName, key: string): boolean {
    return this.table(table).has(key);
  }

  values<T extends TableName>(table: T): IterableIterator<Tables[T]> {
    return this.table(table).values() as IterableIterator<Tables[T]>;
  }

  size(table: TableName): number {
    return this.table(table).size;
  }

  version(table: TableName): number {
    return this.versions.get(table) ?? 0;
  }

  /** The records of `table` whose index key is `key`, in the order they entered it (a live view: copy before writing). */
  lookup<T extends TableName>(index: IndexDef<T>, key: string): ReadonlyMap<string, Tables[T]> {
    return (this.buckets(index).get(key) ?? EMPTY) as ReadonlyMap<string, Tables[T]>;
  }

  private buckets(index: IndexDef<TableName>): Buckets {
    let byDef = this.indexes.get(index.table);
    if (byDef === undefined) {
      byDef = new Map();
      this.indexes.set(index.table, byDef);
    }
    let buckets = byDef.get(index);
    if (buckets === undefined) {
      buckets = new Map();
      for (const [k, v] of this.table(index.table)) addTo(buckets, index.keyOf(v as Tables[TableName]), k, v);
      byDef.set(index, buckets);
    }
    return buckets;
  }

  /** Keeps the built indexes of `table` in step with one record changing from `before` to `after`. */
  private reindex(table: TableName, key: string, before: unknown, after: unknown): void {
    const byDef = this.indexes.get(table);
    if (byDef === undefined) return;
    for (const [def, buckets] of byDef) {
      const was = before === undefined ? undefined : def.keyOf(before as Tables[TableName]);
      const now = after === undefined ? undefined : def.keyOf(after as Tables[TableName]);
      if (was !== undefined && was !== now) {
        const bucket = buckets.get(was);
        bucket?.delete(key);
        if (bucket?.size === 0) buckets.delete(was);
      }
      addTo(buckets, now, key, after);
    }
  }

  private write(table: TableName, key: string, value: unknown): void {
    const t = this.table(table);
    const before = t.get(key);
    t.set(key, value);
    this.versions.set(table, this.version(table) + 1);
    this.reindex(table, key, before, value);
  }

  private remove(table: TableName, key: string): boolean {
    const t = this.table(table);
    const before = t.get(key);
    if (!t.delete(key)) return false;
    this.versions.set(table, this.version(table) + 1);
    this.reindex(table, key, before, undefined);
    return true;
  }

  put<T extends TableName>(table: T, key: string, value: Tables[T]): void {
    this.write(table, key, value);
    if (!this.volatile.has(table)) this.pending.push({ op: 'put', table, key, value });
  }

  delete(table: TableName, key: string): void {
    if (this.remove(table, key) && !this.volatile.has(table)) this.pending.push({ op: 'del', table, key });
  }

  /** Applies a journal entry without recording it again (used when loading from disk). */
  apply(m: Mutation): void {
    if (!this.tables.has(m.table)) return;
    if (m.op === 'put') this.write(m.table, m.key, m.value);
    else this.remove(m.table, m.key);
  }

  takePending(): Mutation[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** A plain snapshot: table → [key, record][]. */
  dump(): Record<string, [string, unknown][]> {
    const out: Record<string, [string, unknown][]> = {};
    for (const [name, t] of this.tables) if (!this.volatile.has(name)) out[name] = [...t.entries()];
    return out;
  }

  load(snapshot: Record<string, [string, unknown][]>): void {
    for (const [name, t] of this.tables) {
      const rows = snapshot[name];
      if (rows === undefined) continue;
      for (const [k, v] of rows) t.set(k, v);
      this.versions.set(name, this.version(name) + 1);
    }
    // Rebuilt from the loaded tables on their next lookup.
    this.indexes.clear();
  }
}

function addTo(buckets: Buckets, indexKey: string | undefined, key: string, value: unknown): void {
  if (indexKey === undefined || value === undefined) return;
  let bucket = buckets.get(indexKey);
  if (bucket === undefined) {
    bucket = new Map();
    buckets.set(indexKey, bucket);
  }
  bucket.set(key, value);
}
