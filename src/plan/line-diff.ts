/** A line diff by longest common subsequence; enough for policy documents of a few hundred lines. */
export function lineDiff(before: string[], after: string[]): { op: ' ' | '-' | '+'; line: string }[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: { op: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push({ op: ' ', line: before[i]! });
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) {
      out.push({ op: '+', line: after[j++]! });
    } else {
      out.push({ op: '-', line: before[i++]! });
    }
  }
  return out;
}

/** Only the changed lines with `context` lines around them; `…` marks what is left out. */
export function changedLines(before: string, after: string, context = 1): string[] {
  const d = lineDiff(before.split('\n'), after.split('\n'));
  const keep = d.map(
    (x, k) => x.op !== ' ' || d.slice(Math.max(0, k - context), k + context + 1).some((y) => y.op !== ' '),
  );
  const out: string[] = [];
  d.forEach((x, k) => {
    if (keep[k]) out.push(`${x.op} ${x.line}`);
    else if (out[out.length - 1] !== '  …') out.push('  …');
  });
  return out;
}
