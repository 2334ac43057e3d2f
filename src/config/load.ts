import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { Composer, Lexer, LineCounter, Parser, YAMLParseError, type CST, type Document, type YAMLError } from 'yaml';
import { hasErrors, type Diagnostic } from '../core/diagnostics.js';
import { sha256Hex } from '../core/digest.js';
import { mergeInclude } from './merge-includes.js';
import { SourceMap, type ProblemAt } from './source-map.js';
import { checkAliasCount, checkYamlNesting } from './yaml-limits.js';

/** Larger than any real org.yaml (10,000 accounts is about 2 MB); refuses accidental huge inputs fast. */
export const MAX_SPEC_BYTES = 16 * 1024 * 1024;

export interface LoadedSpec {
  /** The merged spec as plain values, not yet checked against the schema. */
  value: unknown;
  sourceMap: SourceMap;
  /** The main file as given (relative paths stay relative in diagnostics). */
  file: string;
  files: string[];
  /** The SHA-256 of each file that was read, as read (what a validation cache checks the files against). */
  sources: SourceDigest[];
  diagnostics: Diagnostic[];
}

export interface SourceDigest {
  file: string;
  sha256: string;
}

interface ReadResult {
  text?: string;
  sha256?: string;
  diagnostics: Diagnostic[];
}

function fileDiagnostic(file: string, code: string, message: string, hint?: string): Diagnostic {
  return { severity: 'error', code, message, file, ...(hint ? { hint } : {}) };
}

/** Reads a spec file, refusing what cannot be a spec with one clear message. */
export function readSpecFile(file: string): ReadResult {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile())
      return {
        diagnostics: [
          fileDiagnostic(file, 'E-FILE-NOT-A-FILE', `${file} is not a file`, 'pass the path of a YAML file with -f'),
        ],
      };
    size = stat.size;
  } catch {
    return {
      diagnostics: [
        fileDiagnostic(
          file,
          'E-FILE-NOT-FOUND',
          `cannot read ${file}: no such file`,
          'create one with `bulkhead init`, or pass another path with -f FILE',
        ),
      ],
    };
  }
  if (size > MAX_SPEC_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    return {
      diagnostics: [
        fileDiagnostic(
          file,
          'E-FILE-TOO-LARGE',
          `${file} is ${mb} MB; a spec may be at most ${MAX_SPEC_BYTES / 1024 / 1024} MB`,
          'split it with `include:` or check that this is the right file',
        ),
      ],
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return {
      diagnostics: [
        fileDiagnostic(
          file,
          'E-FILE-UNREADABLE',
          `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unknown error'}`,
        ),
      ],
    };
  }
  if (bytes.includes(0)) {
    return {
      diagnostics: [
        fileDiagnostic(file, 'E-FILE-BINARY', `${file} is a binary file, not YAML`, 'pass the path of your org.yaml'),
      ],
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), sha256: sha256Hex(bytes), diagnostics: [] };
  } catch {
    return {
      diagnostics: [fileDiagnostic(file, 'E-FILE-ENCODING', `${file} is not valid UTF-8`, 'save the file as UTF-8')],
    };
  }
}

function yamlErrorDiagnostic(
  file: string,
  error: YAMLError,
  severity: 'error' | 'warning',
  lineCounter: LineCounter,
): Diagnostic {
  const pos = lineCounter.linePos(error.pos[0]);
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const message = firstLine.replace(/ at line \d+, column \d+:?$/, '');
  let code = 'E-YAML-SYNTAX';
  let hint: string | undefined;
  if (error.code === 'DUPLICATE_KEY') {
    code = 'E-YAML-DUPLICATE-KEY';
    hint = 'remove or rename one of the two keys';
  } else if (error.code === 'TAB_AS_INDENT' || /tab/i.test(message)) {
    code = 'E-YAML-TAB';
    hint = 'YAML indents with spaces only: replace the tabs with spaces';
  } else if (error.code === 'BAD_INDENT' || error.code === 'MISSING_CHAR') {
    hint = 'check the indentation and punctuation on this line and the one before it';
  }
  return {
    severity,
    code: severity === 'warning' ? code.replace(/^E-/, 'W-') : code,
    message: `YAML: ${message.charAt(0).toLowerCase()}${message.slice(1)}`,
    file,
    line: pos.line,
    column: pos.col,
    ...(hint ? { hint } : {}),
  };
}

/**
 * One YAML mistake makes the parser report follow-on errors on later lines. Tabs explain all that
 * follows them, so only those are kept; otherwise one error per line.
 */
function firstCauses(errors: Diagnostic[]): Diagnostic[] {
  const tabs = errors.filter((d) => d.code === 'E-YAML-TAB');
  if (tabs.length > 0) return tabs;
  const lines = new Set<number | undefined>();
  return errors.filter((d) => (lines.has(d.line) ? false : (lines.add(d.line), true)));
}

function problemDiagnostic(problem: ProblemAt): Diagnostic {
  return { severity: 'error', ...problem };
}

/** Line and column (1-based) of an offset; YAML 1.2 breaks lines at LF (a CR before it is part of it). */
function linePos(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Parses the text into one YAML document, refusing nesting and alias counts over the limits first. */
function parseYaml(
  text: string,
  file: string,
  lineCounter: LineCounter,
): { doc?: Document.Parsed; diagnostics: Diagnostic[] } {
  // One lexer pass feeds both the alias count and the parser.
  const lexemes = [...new Lexer().lex(text)];
  const tooMany = checkAliasCount(lexemes);
  const parser = new Parser(lineCounter.addNewLine);
  const tokens: CST.Token[] = [];
  if (!tooMany) {
    lineCounter.addNewLine(0);
    for (const lexeme of lexemes) tokens.push(...parser.next(lexeme));
    tokens.push(...parser.end());
  }
  const limit = tooMany ?? checkYamlNesting(tokens);
  if (limit) {
    const { line, column } = linePos(text, limit.offset);
    return {
      diagnostics: [
        problemDiagnostic({ code: limit.code, message: limit.message, hint: limit.hint, file, line, column }),
      ],
    };
  }
  const composer = new Composer({ uniqueKeys: true, strict: true, version: '1.2' });
  const docs = [...composer.compose(tokens, true, text.length)];
  const doc = docs[0]!;
  if (docs.length > 1)
    doc.errors.push(
      new YAMLParseError(
        docs[1]!.range.slice(0, 2) as [number, number],
        'MULTIPLE_DOCS',
        'Source contains more than one document; a spec is one document',
      ),
    );
  const diagnostics = [
    ...firstCauses(doc.errors.map((e) => yamlErrorDiagnostic(file, e, 'error', lineCounter))),
    ...doc.warnings.map((e) => yamlErrorDiagnostic(file, e, 'warning', lineCounter)),
  ];
  return { doc, diagnostics };
}

/** Only whitespace (a lone CR included): as empty as a file with nothing in it. */
const BLANK = /^[\s\uFEFF]*$/;

/** Parses one YAML file into plain values, recording positions in `sourceMap`. */
export function parseSpecText(
  text: string,
  file: string,
  sourceMap: SourceMap,
): { value: unknown; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  let value: unknown = null;
  if (!BLANK.test(text)) {
    const parsed = parseYaml(text, file, lineCounter);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.doc || hasErrors(parsed.diagnostics)) return { value: undefined, diagnostics };
    const converted = sourceMap.toJs(parsed.doc, file, lineCounter);
    diagnostics.push(...converted.problems.map(problemDiagnostic));
    if (hasErrors(diagnostics)) return { value: undefined, diagnostics };
    value = converted.value;
  }
  if (value === null || value === undefined) {
    diagnostics.push({
      ...fileDiagnostic(
        file,
        'E-SPEC-EMPTY',
        `${file} is empty`,
        'start from a template: `bulkhead init --template startup`',
      ),
      line: 1,
      column: 1,
    });
  } else if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push({
      ...fileDiagnostic(
        file,
        'E-SPEC-NOT-A-MAPPING',
        `${file} must be a YAML mapping with keys such as version and organization, not a ${Array.isArray(value) ? 'list' : 'scalar'}`,
        'start from a template: `bulkhead init`',
      ),
      line: 1,
      column: 1,
    });
  }
  return { value, diagnostics };
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file); // a missing file is reported when it is read
  }
}

/** Loads the main spec file and its includes into one value with a source map. */
export function loadSpec(file: string): LoadedSpec {
  const sourceMap = new SourceMap();
  const files = [file];
  const sources: SourceDigest[] = [];
  const read = readSpecFile(file);
  if (read.text === undefined)
    return { value: undefined, sourceMap, file, files, sources, diagnostics: read.diagnostics };
  sources.push({ file, sha256: read.sha256! });
  const parsed = parseSpecText(read.text, file, sourceMap);
  const diagnostics = [...parsed.diagnostics];
  const value = parsed.value;
  if (diagnostics.some((d) => d.severity === 'error'))
    return { value: undefined, sourceMap, file, files, sources, diagnostics };

  const root = value as Record<string, unknown>;
  const includes = root['include'];
  const seen = new Set([realPath(file)]);
  if (Array.isArray(includes)) {
    const base = dirname(file);
    includes.forEach((entry, index) => {
      if (typeof entry !== 'string') return; // the schema reports the wrong type
      const includePath = relative(process.cwd(), resolve(base, entry)) || entry;
      const pos = sourceMap.locate(root, ['include', index]);
      // Compared by real path, so a symlink back to the main file (or to another include) is caught.
      const real = realPath(includePath);
      if (files.includes(includePath) || seen.has(real)) {
        const isMain = real === seen.values().next().value;
        diagnostics.push({
          severity: 'error',
          code: 'E-INCLUDE-CYCLE',
          message: isMain
            ? `${entry} is the main spec file itself${real !== resolve(includePath) ? ' (through a symlink)' : ''}`
            : `${entry} is included twice`,
          hint: 'remove this entry from include:',
          path: `include[${index}]`,
          ...pos,
        });
        return;
      }
      seen.add(real);
      files.push(includePath);
      const inc = readSpecFile(includePath);
      if (inc.text === undefined) {
        diagnostics.push(
          ...inc.diagnostics.map((d) => ({
            ...d,
            ...pos,
            path: `include[${index}]`,
            message: `include: ${d.message}`,
          })),
        );
        return;
      }
      sources.push({ file: includePath, sha256: inc.sha256! });
      const incParsed = parseSpecText(inc.text, includePath, sourceMap);
      diagnostics.push(...incParsed.diagnostics);
      if (incParsed.diagnostics.some((d) => d.severity === 'error')) return;
      diagnostics.push(...mergeInclude(root, incParsed.value as Record<string, unknown>, includePath, sourceMap));
    });
  }
  return { value: root, sourceMap, file, files, sources, diagnostics };
}
