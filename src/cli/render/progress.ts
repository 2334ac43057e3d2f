import type { BulkheadEvent, IoHost, Question } from '../../core/events.js';
import type { Terminal } from '../io.js';
import { changeAsProgress } from './change-line.js';
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
  ask?: (question: Question) => Promise<boolean>;
  private readonly lines = new Map<string, { text: string; state: string; started: number }>();
  private done = 0;
  private failed = 0;
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly term: Terminal,
    private readonly mode: 'live' | 'plain' | 'json',
  ) {}

  notify(incoming: BulkheadEvent): void {
    if (this.mode === 'json') {
      this.term.out(JSON.stringify(incoming));
      return;
    }
    const event = incoming.type === 'change' ? changeAsProgress(incoming) : incoming;
    if (event.type === 'diagnostic') return this.above(formatDiagnostic(event.diagnostic, this.term.style));
    if (event.type === 'info') return this.above(event.message);
    if (event.type !== 'progress') return;
    const state = event.state ?? 'running';
    if (this.mode === 'plain') {
      if (state !== 'running' || event.message.includes('retrying'))
        this.term.err(`${MARK[state]} ${event.message}${seconds(event.elapsedMs)}`);
      return;
    }
    const prev = this.lines.get(event.id);
    if (state === 'done' || state === 'failed') {
      // Finished lines scroll away above the live block, which keeps only what still runs.
      this.lines.delete(event.id);
      if (state === 'done') this.done++;
      else this.failed++;
      const mark = state === 'done' ? this.term.style.green('✓') : this.term.style.red('✗');
      this.above(
        `${mark} ${event.message}${this.term.style.dim(seconds(event.elapsedMs ?? (prev ? Date.now() - prev.started : undefined)))}`,
      );
      return;
    }
    this.lines.set(event.id, { text: event.message, state, started: prev?.started ?? Date.now() });
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
    const style = this.term.style;
    const active = [...this.lines.values()];
    const out = active
      .slice(-15)
      .map((l) => `${style.cyan('…')} ${l.text}${style.dim(seconds(Date.now() - l.started))}`);
    if (active.length > 15) out.push(style.dim(`… and ${active.length - 15} more`));
    if (active.length > 0) out.push(style.dim(`${this.done} done, ${this.failed} failed, ${active.length} running`));
    for (const line of out) process.stderr.write(`${line}\n`);
    this.drawn = out.length;
  }

  /** Removes the live block; whatever still ran is left as it was last seen. Safe to call twice. */
  finish(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.mode !== 'live') return;
    this.clear();
    this.lines.clear();
  }
}

export function progressMode(term: Terminal, json: boolean | undefined): 'live' | 'plain' | 'json' {
  if (json) return 'json';
  return process.stderr.isTTY && !process.env['CI'] ? 'live' : 'plain';
}
