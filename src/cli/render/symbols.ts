/**
 * ASCII stand-ins for the symbols the renderers use, for terminals whose locale is not UTF-8
 * (LC_ALL, LC_CTYPE or LANG is C, POSIX or names another character set).
 */
const ASCII: ReadonlyArray<readonly [RegExp, string]> = [
  [/├── /g, '|-- '],
  [/└── /g, '`-- '],
  [/│/g, '|'],
  [/✓/g, 'ok'],
  [/✗/g, 'x'],
  [/→/g, '->'],
  [/←/g, '<-'],
  [/…/g, '...'],
  [/·/g, '.'],
  [/—/g, '--'],
  [/[–─]/g, '-'],
  [/×/g, 'x'],
];

/** The first of LC_ALL, LC_CTYPE, LANG that is set decides; none set counts as UTF-8. */
export function localeIsUtf8(env: NodeJS.ProcessEnv): boolean {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'];
  if (!locale) return true;
  return /utf-?8/i.test(locale);
}

export function asciiSymbols(text: string): string {
  let out = text;
  for (const [from, to] of ASCII) out = out.replace(from, to);
  return out;
}
