import type { BulkheadEvent, IoHost } from '../core/events.js';
import { formatDiagnostic } from './render/diagnostics.js';
import { escapeControls } from './render/sanitize.js';
import { colourFor, escapeMarks, makeStyle, renderMarks, type Style } from './render/style.js';
import { asciiSymbols, localeIsUtf8 } from './render/symbols.js';

/** Where the CLI writes; tests pass their own. `out` and `err` each take one line (or block) of text. */
export interface Terminal {
  out: (text: string) => void;
  err: (text: string) => void;
  style: Style;
  isTty: boolean;
  /** Present when stderr is a terminal: the surface the live progress block is redrawn on. */
  live?: LiveSurface;
}

export interface LiveSurface {
  columns(): number;
  rows(): number;
  /** Writes as is: cursor movement, and lines already made safe by `encode`. */
  write(raw: string): void;
  /** What `err` would write for this text (escaped, symbols for the locale, colour), without the newline. */
  encode(text: string): string;
}

/** The part of a Node write stream the terminal uses; tests pass fakes. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface TerminalOptions {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  /** The global `--no-color` flag. */
  noColor?: boolean;
}

/** A whole JSON document (`--json` output, NDJSON events): its values must reach the reader unchanged. */
function isJsonDocument(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * How text becomes bytes on one stream: control characters escaped (always), ASCII symbols when the
 * locale is not UTF-8, style marks turned into ANSI codes only when this stream gets colour. A JSON
 * document is only escaped, in JSON's own `\u` form, so it parses to the same values.
 */
function encoder(stream: OutputStream, options: TerminalOptions): (text: string) => string {
  const colour = colourFor(stream, options.env, options.noColor);
  const ascii = !localeIsUtf8(options.env);
  return (text) => {
    const safe = escapeControls(text);
    if (isJsonDocument(text)) return escapeMarks(safe);
    return renderMarks(ascii ? asciiSymbols(safe) : safe, colour);
  };
}

export function createTerminal(options: TerminalOptions): Terminal {
  const { stdout, stderr } = options;
  const encodeOut = encoder(stdout, options);
  const encodeErr = encoder(stderr, options);
  return {
    out: (t) => void stdout.write(`${encodeOut(t)}\n`),
    err: (t) => void stderr.write(`${encodeErr(t)}\n`),
    style: makeStyle(true),
    isTty: stdout.isTTY === true,
    ...(stderr.isTTY
      ? {
          live: {
            columns: () => stderr.columns || 80,
            rows: () => stderr.rows || 24,
            write: (raw: string) => void stderr.write(raw),
            encode: encodeErr,
          },
        }
      : {}),
  };
}

/**
 * A reader that went away (`bulkhead schema | head`) is not an error: stop as a shell tool does, quietly,
 * instead of dying on an unhandled EPIPE with a stack trace.
 */
function quietOnBrokenPipe(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

export function processTerminal(options: { noColor?: boolean } = {}): Terminal {
  quietOnBrokenPipe(process.stdout);
  quietOnBrokenPipe(process.stderr);
  return createTerminal({ stdout: process.stdout, stderr: process.stderr, env: process.env, ...options });
}

/** Renders library events: human lines by default, NDJSON with --json. */
export class CliIoHost implements IoHost {
  constructor(
    private readonly term: Terminal,
    private readonly json: boolean,
  ) {}

  notify(event: BulkheadEvent): void {
    if (this.json) {
      this.term.out(JSON.stringify(event));
      return;
    }
    switch (event.type) {
      case 'diagnostic':
        this.term.err(formatDiagnostic(event.diagnostic, this.term.style));
        break;
      case 'progress':
        this.term.err(`${this.term.style.dim('…')} ${event.message}`);
        break;
      case 'info':
        this.term.out(event.message);
        break;
      case 'result':
        break;
    }
  }
}
