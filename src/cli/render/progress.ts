import type { BulkheadEvent, IoHost, Question } from '../../core/events.js';
import type { LiveSurface, Terminal } from '../io.js';
import { changeAsProgress } from './change-line.js';
import { systemClock, formatDuration, type Clock } from './clock.js';
import { formatDiagnostic } from './diagnostics.js';
import { fitWidth } from './fit.js';

type ProgressEvent = Extract<BulkheadEvent, { type: 'progress' }>;
type State = NonNullable<ProgressEvent['state']>;

const MARK: Record<State, string> = { start: '…', running: '…', done: '✓', failed: '✗' };
/** Lines of the live block beyond which the rest is summed up as "… and N more". */
const MAX_LIVE_LINES = 15;
const REDRAW_MS = 200;
/** In plain mode a step that runs this long without output gets a "still running" line. */
export const HEARTBEAT_MS = 20_000;

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : ` (${(ms / 1000).toFixed(1)}s)`;
}

export interface ProgressOptions {
  clock?: Clock;
  heartbeatMs?: number;
}

interface Running {
  /** The first message (what the step is), for heartbeats. */
  title: string;
  /** The latest message, for the live line. */
  text: string;
  started: number;
  lastOutput: number;
}

/**
 * Renders library events for people, keyed on the event id and its state (start, running, done,
 * failed): on a terminal a live block with one line per running step (its latest message and elapsed
 * time) redrawn in place, each line cut to the terminal width; in CI one plain line per state change
 * and a heartbeat for long steps; NDJSON with --json.
 */
export class ProgressIoHost implements IoHost {
  ask?: (question: Question) => Promise<boolean>;
  private readonly running = new Map<string, Running>();
  private readonly clock: Clock;
  private readonly heartbeatMs: number;
  private done = 0;
  private failed = 0;
  private drawn = 0;
  private stopTicker: (() => void) | undefined;

  constructor(
    private readonly term: Terminal,
    private readonly mode: 'live' | 'plain' | 'json',
    options: ProgressOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  }

  private get live(): LiveSurface | undefined {
    return this.mode === 'live' ? this.term.live : undefined;
  }

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
    const now = this.clock.now();
    const prev = this.running.get(event.id);
    if (state === 'done' || state === 'failed') {
      this.running.delete(event.id);
      if (state === 'done') this.done++;
      else this.failed++;
      const mark = state === 'done' ? this.term.style.green(MARK.done) : this.term.style.red(MARK.failed);
      const elapsed = event.elapsedMs ?? (prev ? now - prev.started : undefined);
      // Finished lines scroll away above the live block, which keeps only what still runs.
      this.above(`${mark} ${event.message}${this.term.style.dim(seconds(elapsed))}`);
      if (this.running.size === 0) this.stopTicking();
      return;
    }
    // Plain mode prints a step's start and its retries; other updates only feed the live block.
    const printed = !this.live && (state === 'start' || event.message.includes('retrying'));
    this.running.set(event.id, {
      title: prev?.title ?? event.message,
      text: event.message,
      started: prev?.started ?? now,
      lastOutput: printed || !prev ? now : prev.lastOutput,
    });
    if (this.live) {
      this.tick(REDRAW_MS, () => this.draw());
      this.draw();
      return;
    }
    if (printed) this.term.err(`${MARK[state]} ${event.message}`);
    this.tick(Math.max(1000, this.heartbeatMs / 4), () => this.heartbeat());
  }

  private tick(ms: number, fn: () => void): void {
    this.stopTicker ??= this.clock.every(ms, fn);
  }

  private stopTicking(): void {
    this.stopTicker?.();
    this.stopTicker = undefined;
  }

  /** Plain mode: one "still running" line for each step that has printed nothing for a heartbeat. */
  private heartbeat(): void {
    const now = this.clock.now();
    for (const r of this.running.values()) {
      if (now - r.lastOutput < this.heartbeatMs) continue;
      r.lastOutput = now;
      this.term.err(
        `${this.term.style.dim(MARK.running)} ${r.title}: still running (${formatDuration(now - r.started)})`,
      );
    }
  }

  /** Prints a line above the live block. */
  private above(text: string): void {
    this.clear();
    this.term.err(text);
    this.draw();
  }

  private clear(): void {
    if (this.drawn > 0) this.live?.write(`\r\u001b[${this.drawn}A\u001b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    const live = this.live;
    if (!live) return;
    this.clear();
    const style = this.term.style;
    const now = this.clock.now();
    const active = [...this.running.values()];
    if (active.length === 0) return;
    // Every line one row (cut to the width, never wrapped) and the block lower than the screen, so
    // the next redraw moves back over exactly what this one wrote.
    const width = Math.max(10, live.columns() - 1);
    const room = Math.max(1, Math.min(MAX_LIVE_LINES, live.rows() - 3));
    const shown = active.length > room ? active.slice(-(room - 1 || 1)) : active;
    const lines = shown.map((l) => `${style.cyan(MARK.running)} ${l.text}${style.dim(seconds(now - l.started))}`);
    if (active.length > shown.length) lines.push(style.dim(`… and ${active.length - shown.length} more`));
    lines.push(style.dim(`${this.done} done, ${this.failed} failed, ${active.length} running`));
    const ellipsis = live.encode('…');
    live.write(lines.map((l) => `${fitWidth(live.encode(l), width, ellipsis)}\n`).join(''));
    this.drawn = lines.length;
  }

  /** Removes the live block; whatever still ran is left as it was last seen. Safe to call twice. */
  finish(): void {
    this.stopTicking();
    if (!this.live) return;
    this.clear();
    this.running.clear();
  }
}

export function progressMode(term: Terminal, json: boolean | undefined): 'live' | 'plain' | 'json' {
  if (json) return 'json';
  return term.live && !process.env['CI'] ? 'live' : 'plain';
}
