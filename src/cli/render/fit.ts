/** One visible character, or one ANSI SGR sequence (zero width), of text already encoded for a stream. */
// eslint-disable-next-line no-control-regex -- matching our own SGR codes is the point
const TOKEN = /\u001b\[[0-9;]*m|[\s\S]/gu;

/**
 * Cuts encoded text to `width` visible characters, ending with `ellipsis` when it was longer, so a
 * live line never wraps (a wrapped line would be one row more than the redraw moves back over, and
 * every redraw would leave a copy behind). Colour is reset after a cut.
 */
export function fitWidth(encoded: string, width: number, ellipsis: string): string {
  const tokens = encoded.match(TOKEN) ?? [];
  const visible = tokens.filter((t) => !t.startsWith('\u001b')).length;
  if (visible <= width) return encoded;
  const keep = Math.max(0, width - ellipsis.length);
  let out = '';
  let shown = 0;
  for (const t of tokens) {
    if (t.startsWith('\u001b')) out += t;
    else if (shown < keep) {
      out += t;
      shown++;
    }
  }
  return `${out}${out.includes('\u001b') ? '\u001b[0m' : ''}${ellipsis}`;
}
