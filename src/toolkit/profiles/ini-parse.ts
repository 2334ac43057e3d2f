/**
 * Reads an AWS config file the way the AWS CLI does, to refuse one it would refuse: botocore parses it
 * with Python's configparser.RawConfigParser (strict: no duplicate section or key; `=` or `:` between key
 * and value; full-line `#`/`;` comments only; indented lines continue the value above) and then splits a
 * value that starts on the next line (`s3 =` + indented `key = value` lines) into sub-keys, each of which
 * needs an `=`. Each line keeps its byte offsets, so an edit can leave everything else untouched.
 */

export interface IniLine {
  /** 1-based. */
  number: number;
  /** The line without its line break. */
  text: string;
  /** Offset of the line's first character and of the character after its line break. */
  start: number;
  end: number;
}

export interface IniSection {
  /** The header's text between the brackets, e.g. `profile dev` or `sso-session acme`. */
  name: string;
  line: number;
}

export interface IniDocument {
  lines: IniLine[];
  sections: IniSection[];
  /** The line break the file uses (CRLF when its first line break is one). */
  eol: '\n' | '\r\n';
}

export type IniParse = { ok: true; document: IniDocument } | { ok: false; line: number; problem: string };

/** Splits as Python's universal newlines do (CRLF, LF or a lone CR end a line). */
export function splitLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    lines.push({ number: lines.length + 1, text: text.slice(start, m.index), start, end: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ number: lines.length + 1, text: text.slice(start), start, end: text.length });
  return lines;
}

// Python's whitespace (str.strip, \s): unlike JavaScript's trim, not U+FEFF, so a file starting with a
// byte order mark has no section header for configparser, and is refused here too.
const PY_SPACE =
  '\\t\\n\\v\\f\\r \\u001c-\\u001f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EDGES = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');
const NON_SPACE = new RegExp(`[^${PY_SPACE}]`);
export const pyStrip = (s: string): string => s.replace(EDGES, '');

const isComment = (stripped: string) => stripped.startsWith('#') || stripped.startsWith(';');

interface Option {
  section: string;
  key: string;
  line: number;
  /** The first line's value and the continuation lines. */
  value: string[];
  continuationLines: number[];
}

export function parseAwsIni(text: string): IniParse {
  if (text.startsWith('\ufeff'))
    return {
      ok: false,
      line: 1,
      problem: 'the file starts with a byte order mark (BOM), text before any [section] header for the AWS CLI',
    };
  const lines = splitLines(text);
  const sections: IniSection[] = [];
  const seenSections = new Set<string>();
  const seenKeys = new Set<string>();
  const options: Option[] = [];
  let section: string | undefined;
  let option: Option | undefined;
  let indentLevel = 0;
  for (const line of lines) {
    const stripped = pyStrip(line.text);
    if (stripped === '' || isComment(stripped)) continue;
    const indent = line.text.search(NON_SPACE);
    if (section !== undefined && option !== undefined && indent > indentLevel) {
      option.value.push(stripped);
      option.continuationLines.push(line.number);
      continue;
    }
    indentLevel = indent;
    const header = /^\[(.+)\]/.exec(stripped);
    if (header) {
      const name = header[1] ?? '';
      // configparser's DEFAULT section may repeat; any other section may not.
      if (name !== 'DEFAULT' && seenSections.has(name))
        return { ok: false, line: line.number, problem: `section [${name}] appears a second time` };
      seenSections.add(name);
      sections.push({ name, line: line.number });
      section = name;
      option = undefined;
      continue;
    }
    if (section === undefined)
      return { ok: false, line: line.number, problem: `"${stripped}" comes before any [section] header` };
    const kv = /^(.*?)\s*([=:])\s*(.*)$/.exec(stripped);
    if (!kv || (kv[1] ?? '') === '')
      return { ok: false, line: line.number, problem: `"${stripped}" is neither a [section] header nor key = value` };
    const key = pyStrip(kv[1] ?? '').toLowerCase();
    const id = `${section}\u0000${key}`;
    if (seenKeys.has(id))
      return { ok: false, line: line.number, problem: `key "${key}" appears a second time in [${section}]` };
    seenKeys.add(id);
    option = { section, key, line: line.number, value: [pyStrip(kv[3] ?? '')], continuationLines: [] };
    options.push(option);
  }
  for (const o of options) {
    // botocore reads a value that starts on the next line as `key = value` sub-settings.
    if (o.value[0] !== '' || o.value.length < 2) continue;
    const bad = o.value.findIndex((v, i) => i > 0 && v !== '' && !v.includes('='));
    if (bad > 0)
      return {
        ok: false,
        line: o.continuationLines[bad - 1] ?? o.line,
        problem: `"${o.value[bad] ?? ''}" under "${o.key} =" in [${o.section}] is not key = value`,
      };
  }
  const firstBreak = /\r\n|\n|\r/.exec(text);
  return { ok: true, document: { lines, sections, eol: firstBreak?.[0] === '\r\n' ? '\r\n' : '\n' } };
}

/** The profile a section defines (`[default]`, `[profile NAME]`), as botocore names it. */
export function profileOf(section: string): string | undefined {
  if (section === 'default') return 'default';
  const m = /^profile\s+(.+)$/.exec(section);
  return m ? (m[1] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2') : undefined;
}

/** The sso-session a section defines (`[sso-session NAME]`). */
export function ssoSessionOf(section: string): string | undefined {
  const m = /^sso-session\s+(.+)$/.exec(section);
  return m ? (m[1] ?? '').trim() : undefined;
}
