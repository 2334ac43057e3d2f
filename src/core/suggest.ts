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
  format: (s: string) => string = (s) => `"${showInvisible(s)}"`,
): string | undefined {
  if (suggestions.length === 0) return undefined;
  const shown = suggestions.map(format);
  const last = shown.pop() ?? '';
  return `did you mean ${shown.length > 0 ? `${shown.join(', ')} or ${last}` : last}?`;
}

/**
 * "did you mean `x` or `y`?" for an input among candidates, or undefined when nothing is close.
 * A suggestion that would print like the input (it differs by an invisible character or a letter of
 * another script) is shown together with the input written out, so the difference is visible.
 */
export function didYouMeanAmong(input: string, candidates: Iterable<string>): string | undefined {
  const suggestions = suggest(input, candidates);
  const hint = didYouMean(suggestions, (s) => `\`${showInvisible(s)}\``);
  if (hint === undefined) return undefined;
  const alike = suggestions.some((s) => looksAlike(input, s) && s.toLowerCase() !== input.toLowerCase());
  return alike
    ? `${hint} What you typed, written out, is \`${showNonAscii(input)}\`: it has characters that look like others or print as nothing`
    : hint;
}

// Characters that print as nothing, or as something else than they are: control and format
// characters (zero-width spaces and joiners, direction marks), other ignorables and unusual spaces.
const INVISIBLE =
  /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;

const escape = (c: string) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`;

/** `s` with its invisible characters written as `\u{200B}`, so that a message shows them. */
export function showInvisible(s: string): string {
  return s.replace(INVISIBLE, escape);
}

/** `s` with everything but printable ASCII written as `\u{…}`. */
export function showNonAscii(s: string): string {
  return s.replace(/[^\x20-\x7e]/gu, escape);
}

// Letters of other scripts that print like Latin ones (the common cases of Unicode's confusables).
const LOOK_ALIKES: Record<string, string> = Object.fromEntries(
  [
    ['аеорсухіјѕԁɡ', 'aeopcyxijsdg'],
    ['АВЕКМНОРСТХІЈЅ', 'ABEKMHOPCTXIJS'],
    ['ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοντ', 'ABEZHIKMNOPTYXovt'],
  ].flatMap(([from, to]) => [...from!].map((c, i) => [c, to![i]!])),
);

/** What a string looks like when printed: compatibility forms folded, invisibles and marks dropped. */
function skeleton(s: string): string {
  return [...s.normalize('NFKD').replace(INVISIBLE, '').replace(/\p{M}/gu, '')]
    .map((c) => LOOK_ALIKES[c] ?? c)
    .join('')
    .toLowerCase();
}

/** Whether two different strings would look the same (or nearly: only case apart) when printed. */
export function looksAlike(a: string, b: string): boolean {
  return a !== b && skeleton(a) === skeleton(b);
}
