/** AWS: the maximum size of a service control policy document, in characters. */
export const SCP_MAX_SIZE = 5120;

/**
 * The size AWS counts for an SCP: every character of the document as sent, so Bulkhead sends it
 * minified and this counts the minified form (whitespace outside strings removed). Strings count as
 * written, escapes included; characters are Unicode code points. A document that cannot be
 * serialised counts as 0.
 */
export function scpSize(document: unknown): number {
  if (typeof document === 'string') return countCodePoints(minifyJsonText(document));
  let text: string | undefined;
  try {
    text = JSON.stringify(document);
  } catch {
    return 0;
  }
  return text === undefined ? 0 : countCodePoints(text);
}

/** Removes JSON whitespace (space, tab, CR, LF) outside string literals, keeping everything else. */
export function minifyJsonText(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      out += c;
    }
  }
  return out;
}

function countCodePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
