/**
 * Styling marks text with Unicode noncharacters (which Unicode reserves for internal use) instead of
 * ANSI codes; each output stream then turns the marks into ANSI codes or drops them (see
 * `renderMarks`), so colour is decided per stream: `plan > plan.txt` from a terminal writes no
 * escape codes into the file while the progress on stderr stays coloured.
 */
const STYLES = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
type StyleName = keyof typeof STYLES;

const FIRST = 0xfdd0;
const OPEN: Record<StyleName, string> = Object.fromEntries(
  Object.keys(STYLES).map((name, i) => [name, String.fromCharCode(FIRST + i)]),
) as Record<StyleName, string>;
/** Colours end with "default colour" (39); dim and bold with "normal intensity" (22). */
const END_COLOUR = '\ufdde';
const END_INTENSITY = '\ufddf';
const SGR = new Map<string, number>([
  ...Object.entries(STYLES).map(([name, code]) => [OPEN[name as StyleName], code] as const),
  [END_COLOUR, 39],
  [END_INTENSITY, 22],
]);
const MARK = /[\ufdd0-\ufddf]/g;

/** With `enabled` false the style is the identity (no marks at all); tests and plain renderers use that. */
export function makeStyle(enabled = true) {
  const wrap = (name: StyleName) => {
    const end = STYLES[name] > 30 ? END_COLOUR : END_INTENSITY;
    return (s: string) => (enabled ? `${OPEN[name]}${s}${end}` : s);
  };
  return {
    red: wrap('red'),
    yellow: wrap('yellow'),
    green: wrap('green'),
    cyan: wrap('cyan'),
    dim: wrap('dim'),
    bold: wrap('bold'),
  };
}

export type Style = ReturnType<typeof makeStyle>;

/** Turns style marks into ANSI SGR codes (`colour` true) or removes them. */
export function renderMarks(text: string, colour: boolean): string {
  return text.replace(MARK, (m) => (colour && SGR.has(m) ? `\u001b[${SGR.get(m)}m` : ''));
}

/** Style marks written as JSON escapes, for machine output where they must stay inert text. */
export function escapeMarks(text: string): string {
  return text.replace(MARK, (m) => `\\u${m.charCodeAt(0).toString(16)}`);
}

export interface ColourStream {
  isTTY?: boolean;
}

/**
 * Whether one stream gets colour: `--no-color` first, then FORCE_COLOR (set and not "0"/"false",
 * as Node reads it), then NO_COLOR (set and non-empty, https://no-color.org), TERM=dumb, and last
 * whether the stream is a terminal.
 */
export function colourFor(stream: ColourStream, env: NodeJS.ProcessEnv, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}
