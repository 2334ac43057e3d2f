import type { Mutation, TableName, Tables } from './state.js';

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

  constructor(names: readonly TableName[]) {
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

  put<T extends TableName>(table: T, key: string, value: Tables[T]): void {
    this.table(table).set(key, value);
    this.versions.set(table, this.version(table) + 1);
    this.pending.push({ op: 'put', table, key, value });
  }

  delete(table: TableName, key: string): void {
    if (!this.table(table).delete(key)) return;
    this.versions.set(table, this.version(table) + 1);
    this.pending.push({ op: 'del', table, key });
  }

  /** Applies a journal entry without recording it again (used when loading from disk). */
  apply(m: Mutation): void {
    if (!this.tables.has(m.table)) return;
    if (m.op === 'put') this.table(m.table).set(m.key, m.value);
    else this.table(m.table).delete(m.key);
    this.versions.set(m.table, this.version(m.table) + 1);
  }

  takePending(): Mutation[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** A plain snapshot: table → [key, record][]. */
  dump(): Record<string, [string, unknown][]> {
    const out: Record<string, [string, unknown][]> = {};
    for (const [name, t] of this.tables) out[name] = [...t.entries()];
    return out;
  }

  load(snapshot: Record<string, [string, unknown][]>): void {
    for (const [name, t] of this.tables) {
      const rows = snapshot[name];
      if (rows === undefined) continue;
      for (const [k, v] of rows) t.set(k, v);
      this.versions.set(name, this.version(name) + 1);
    }
  }
}
