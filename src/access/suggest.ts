/** "Did you mean" suggestions for bad names, by edit distance. */

export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** Up to `limit` candidates close to `value`, best first. */
export function closest(value: string, candidates: readonly string[], limit = 3): string[] {
  const max = Math.max(2, Math.floor(value.length / 3));
  const lower = value.toLowerCase();
  return candidates
    .map((c) => ({ c, d: c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()) ? Math.min(1, editDistance(value, c)) : editDistance(value, c) }))
    .filter(({ d }) => d <= max)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, limit)
    .map(({ c }) => c);
}
