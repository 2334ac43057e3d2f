import type { Diagnostic } from './diagnostics.js';

/** Everything the library says goes through an IO host as typed events (see ARCHITECTURE.md, decision 7). */
export type BulkheadEvent =
  | {
      type: 'progress';
      id: string;
      message: string;
      state?: 'start' | 'running' | 'done' | 'failed';
      elapsedMs?: number;
    }
  | { type: 'diagnostic'; diagnostic: Diagnostic }
  | { type: 'info'; message: string }
  | { type: 'result'; data: unknown };

export interface IoHost {
  notify(event: BulkheadEvent): void;
}

/** An IO host that keeps events, for tests and for library callers that render later. */
export class RecordingIoHost implements IoHost {
  readonly events: BulkheadEvent[] = [];
  notify(event: BulkheadEvent): void {
    this.events.push(event);
  }
}

export const silentIoHost: IoHost = { notify() {} };
