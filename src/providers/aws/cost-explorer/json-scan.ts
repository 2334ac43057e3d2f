/**
 * The value of the last `"field": "…"` in JSON text, found from the end without reading the rest: a guess at a
 * top-level field that an answer writes last (Cost Explorer's NextPageToken), good enough to ask for the next page
 * before this one (half a megabyte) is read. A key inside a string never matches (its quotes are escaped), but one
 * in a nested object could: the caller checks the guess against the page once it has read it. `undefined` when
 * there is no such field or its value is not a string.
 */
export function lastStringField(text: string, field: string): string | undefined {
  const needle = JSON.stringify(field);
  const at = text.lastIndexOf(needle);
  if (at === -1 || escaped(text, at)) return undefined;
  let j = skipSpace(text, at + needle.length);
  if (text.charCodeAt(j) !== COLON) return undefined;
  j = skipSpace(text, j + 1);
  if (text.charCodeAt(j) !== QUOTE) return undefined;
  const end = stringEnd(text, j);
  if (end < 0) return undefined;
  try {
    return JSON.parse(text.slice(j, end + 1)) as string;
  } catch {
    return undefined;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Whether the quote at `at` is escaped: an odd number of backslashes before it. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

/** The index of the quote that closes the string opening at `start`, or -1. */
export function stringEnd(text: string, start: number): number {
  let q = text.indexOf('"', start + 1);
  while (q !== -1) {
    if (!escaped(text, q)) return q;
    q = text.indexOf('"', q + 1);
  }
  return -1;
}
