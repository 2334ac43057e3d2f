/**
 * "Did you mean …" suggestions by optimal-string-alignment distance (Damerau–Levenshtein with
 * adjacent transpositions), compared case-insensitively.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  let prevPrev = new Array<number>(width).fill(0);
  let prev = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[b.length] ?? 0;
}

export interface SuggestOptions {
  /** Most suggestions returned. */
  max?: number;
  /** Largest distance accepted; defaults to a third of the input's length (at least 2). */
  maxDistance?: number;
}

/** The candidates closest to `input`, best first; exact case-insensitive matches come first. */
export function suggest(input: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  const max = options.max ?? 3;
  const needle = input.toLowerCase();
  const maxDistance = options.maxDistance ?? Math.max(2, Math.floor(needle.length / 3));
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    let score = editDistance(needle, lower, maxDistance);
    // A missing or extra suffix ("DescribeInstance" → "DescribeInstances") is a likely slip.
    if (score > maxDistance && needle.length >= 4 && (lower.startsWith(needle) || needle.startsWith(lower))) {
      score = maxDistance;
    }
    if (score <= maxDistance) scored.push({ candidate, score });
  }
  scored.sort(
    (x, y) => x.score - y.score || x.candidate.length - y.candidate.length || x.candidate.localeCompare(y.candidate),
  );
  return scored.slice(0, max).map((s) => s.candidate);
}

/** `did you mean "a", "b" or "c"?` or undefined when there is nothing to offer. */
export function didYouMean(
  suggestions: readonly string[],
  format: (s: string) => string = (s) => JSON.stringify(s),
): string | undefined {
  if (suggestions.length === 0) return undefined;
  const shown = suggestions.map(format);
  const last = shown.pop() ?? '';
  return `did you mean ${shown.length > 0 ? `${shown.join(', ')} or ${last}` : last}?`;
}

/** "did you mean `x` or `y`?" for an input among candidates, or undefined when nothing is close. */
export function didYouMeanAmong(input: string, candidates: Iterable<string>): string | undefined {
  return didYouMean(suggest(input, candidates), (s) => `\`${s}\``);
}
