/**
 * How long an apply's asynchronous operations took, by operation: each entry is a lower bound (the
 * last poll that still saw it running). The typical value is their median, once one has ended.
 */
export class Durations {
  private readonly seen = new Map<string, number[]>();

  record(operation: string, atLeastMs: number): void {
    const list = this.seen.get(operation) ?? [];
    list.push(atLeastMs);
    this.seen.set(operation, list);
  }

  typical(operation: string): number | undefined {
    const list = this.seen.get(operation);
    if (!list || list.length === 0) return undefined;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  }
}
