import { formatPath, type Diagnostic, type Severity } from '../../core/diagnostics.js';
import { showInvisible } from '../../core/suggest.js';
import { originalPath, type EntityKind } from '../repair.js';
import type { OrgSpec } from '../schema.js';
import type { SourceMap } from '../source-map.js';

export type Path = (string | number)[];

export interface ReportOptions {
  hint?: string | undefined;
  /** Point at the key rather than its value. */
  atKey?: boolean;
}

/** What every semantic rule gets: the typed spec, and a way to report at a path. */
export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly spec: OrgSpec,
    private readonly raw: unknown,
    private readonly sourceMap: SourceMap,
    private readonly indexMaps: Map<string, number[]> = new Map(),
    private readonly dropped: Map<EntityKind, Set<string>> = new Map(),
  ) {}

  /** Whether an entity was cut out for schema errors, so references to it are not reported again. */
  isDropped(kind: EntityKind, name: string): boolean {
    return this.dropped.get(kind)?.has(name) ?? false;
  }

  hasDropped(kind: EntityKind): boolean {
    return (this.dropped.get(kind)?.size ?? 0) > 0;
  }

  report(severity: Severity, code: string, specPath: Path, message: string, options: ReportOptions = {}): void {
    const path = originalPath(specPath, this.indexMaps);
    const pos = this.sourceMap.locate(this.raw, path, { atKey: options.atKey === true });
    // Names from the spec may hold characters that print as nothing; messages show them escaped.
    this.diagnostics.push({
      severity,
      code,
      message: showInvisible(message),
      ...(options.hint ? { hint: showInvisible(options.hint) } : {}),
      path: formatPath(path),
      ...pos,
    });
  }

  error(code: string, path: Path, message: string, options?: ReportOptions): void {
    this.report('error', code, path, message, options);
  }

  warn(code: string, path: Path, message: string, options?: ReportOptions): void {
    this.report('warning', code, path, message, options);
  }
}

/** Finds items sharing a key; returns every later duplicate with the index of the first. */
export function findDuplicates<T>(
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
): { index: number; firstIndex: number; key: string }[] {
  const seen = new Map<string, number>();
  const out: { index: number; firstIndex: number; key: string }[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else out.push({ index, firstIndex: first, key });
  });
  return out;
}
