import type { BulkheadEvent, IoHost } from '../../core/events.js';
import type { Terminal } from '../io.js';
import { formatDiagnostic } from './diagnostics.js';

type ProgressEvent = Extract<BulkheadEvent, { type: 'progress' }>;

const MARK: Record<NonNullable<ProgressEvent['state']>, string> = { start: '…', running: '…', done: '✓', failed: '✗' };

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : ` (${(ms / 1000).toFixed(1)}s)`;
}

/**
 * Renders library events for people: on a terminal a live block with one line per resource (state
 * and elapsed time), redrawn in place; in CI one plain line per state change; NDJSON with --json.
 */
export class ProgressIoHost implements IoHost {
  private readonly lines = new Map<string, { text: string; state: string; started: number; elapsed?: number }>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly term: Terminal,
    private readonly mode: 'live' | 'plain' | 'json',
  ) {}

  notify(event: BulkheadEvent): void {
    if (this.mode === 'json') {
      this.term.out(JSON.stringify({ ...event, time: new Date().toISOString() }));
      return;
    }
    if (event.type === 'diagnostic') return this.above(formatDiagnostic(event.diagnostic, this.term.style));
    if (event.type === 'info') return this.above(event.message);
    if (event.type !== 'progress') return;
    const state = event.state ?? 'running';
    if (this.mode === 'plain') {
      if (state !== 'running' || event.message.includes('retrying')) this.term.err(`${MARK[state]} ${event.message}${seconds(event.elapsedMs)}`);
      return;
    }
    const prev = this.lines.get(event.id);
    this.lines.set(event.id, { text: event.message, state, started: prev?.started ?? Date.now(), ...(event.elapsedMs !== undefined ? { elapsed: event.elapsedMs } : {}) });
    this.timer ??= setInterval(() => this.draw(), 200).unref();
    this.draw();
  }

  /** Prints a line above the live block. */
  private above(text: string): void {
    this.clear();
    this.term.err(text);
    this.draw();
  }

  private clear(): void {
    if (this.drawn > 0) process.stderr.write(`\u001b[${this.drawn}A\u001b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    if (this.mode !== 'live') return;
    this.clear();
    const entries = [...this.lines.values()];
    // Finished lines scroll away; running ones stay in the live block.
    const active = entries.filter((l) => l.state === 'start' || l.state === 'running');
    const style = this.term.style;
    const out = active.slice(-15).map((l) => `${style.cyan('…')} ${l.text}${style.dim(seconds(Date.now() - l.started))}`);
    const done = entries.filter((l) => l.state === 'done').length;
    const failed = entries.filter((l) => l.state === 'failed').length;
    if (entries.length > 0) out.push(style.dim(`${done} done, ${failed} failed, ${active.length} running`));
    for (const line of out) process.stderr.write(`${line}\n`);
    this.drawn = out.length;
  }

  /** Removes the live block and prints the final state of every line. */
  finish(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.mode !== 'live') return;
    this.clear();
    for (const l of this.lines.values()) {
      const mark = l.state === 'done' ? this.term.style.green('✓') : l.state === 'failed' ? this.term.style.red('✗') : '…';
      this.term.err(`${mark} ${l.text}${this.term.style.dim(seconds(l.elapsed))}`);
    }
  }
}

export function progressMode(term: Terminal, json: boolean | undefined): 'live' | 'plain' | 'json' {
  if (json) return 'json';
  return process.stderr.isTTY && !process.env['CI'] ? 'live' : 'plain';
}
