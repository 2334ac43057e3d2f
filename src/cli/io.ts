import type { BulkheadEvent, IoHost } from '../core/events.js';
import { formatDiagnostic } from './render/diagnostics.js';
import { makeStyle, useColor, type Style } from './render/style.js';

/** Where the CLI writes; tests pass their own. */
export interface Terminal {
  out: (text: string) => void;
  err: (text: string) => void;
  style: Style;
  isTty: boolean;
}

export function processTerminal(): Terminal {
  return {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    style: makeStyle(useColor(process.stderr)),
    isTty: Boolean(process.stdout.isTTY),
  };
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
