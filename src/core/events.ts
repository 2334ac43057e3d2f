import type { Diagnostic } from './diagnostics.js';
import { EVENT_CODES, type EventCode, type EventLevel } from './event-codes.js';

export type { EventCode, EventLevel } from './event-codes.js';

/** The state of one planned change during apply, as a `change` event reports it. */
export type ChangeState = 'start' | 'running' | 'retrying' | 'done' | 'failed' | 'skipped' | 'not-started';

export interface ChangeEventData {
  changeId: string;
  address: { kind: string; key: string };
  action: string;
  label: string;
  state: ChangeState;
  attempt: number;
  elapsedMs: number;
  /** What is happening now ("creating (request car-…)", "ThrottlingException, retrying in 2s"). */
  detail?: string;
  /** On `failed`: AWS's code and message. */
  error?: { code: string; message: string };
  /** On `retrying`: the wait before the next attempt. */
  retryInMs?: number;
}

/** What library code says; `emit` stamps it with a level, a time and a sequence number. */
export type EventInput =
  | {
      type: 'progress';
      code: EventCode;
      id: string;
      message: string;
      state?: 'start' | 'running' | 'done' | 'failed';
      elapsedMs?: number;
    }
  | { type: 'diagnostic'; code: 'spec.diagnostic'; diagnostic: Diagnostic }
  | { type: 'info'; code: EventCode; message: string; data?: unknown }
  | { type: 'change'; code: 'apply.change'; data: ChangeEventData }
  | { type: 'result'; code: EventCode; data: unknown };

/** Everything the library says goes through an IO host as typed events (ARCHITECTURE.md, decision 7). */
export type BulkheadEvent = EventInput & { level: EventLevel; time: string; seq: number };

/** A question the library needs answered before it goes on (only confirmations so far). */
export interface Question {
  code: 'apply.confirm';
  message: string;
  /** What the answer is about, for hosts that show it (a plan, a lock holder). */
  data?: unknown;
}

export interface IoHost {
  notify(event: BulkheadEvent): void;
  /** Answers a yes/no question; hosts that cannot ask (CI, JSON) leave it out, which means "no". */
  ask?(question: Question): Promise<boolean>;
}

const sequences = new WeakMap<IoHost, number>();

/** Sends an event to the host with its level, time and sequence number (1, 2, … per host). */
export function emit(io: IoHost, input: EventInput): void {
  const seq = (sequences.get(io) ?? 0) + 1;
  sequences.set(io, seq);
  const level: EventLevel =
    input.type === 'diagnostic'
      ? input.diagnostic.severity === 'error'
        ? 'error'
        : 'warn'
      : input.type === 'change' && input.data.state === 'failed'
        ? 'error'
        : EVENT_CODES[input.code];
  io.notify({ ...input, level, time: new Date().toISOString(), seq } as BulkheadEvent);
}

/** Shorthand for a plain message. */
export function say(io: IoHost, code: EventCode, message: string, data?: unknown): void {
  emit(io, { type: 'info', code, message, ...(data === undefined ? {} : { data }) });
}

/**
 * An IO host that keeps events, for tests and for library callers that render later. It answers
 * every question yes unless given another answer.
 */
export class RecordingIoHost implements IoHost {
  readonly events: BulkheadEvent[] = [];
  readonly questions: Question[] = [];
  constructor(private readonly answer: (q: Question) => boolean = () => true) {}
  notify(event: BulkheadEvent): void {
    this.events.push(event);
  }
  ask(question: Question): Promise<boolean> {
    this.questions.push(question);
    return Promise.resolve(this.answer(question));
  }
}

export const silentIoHost: IoHost = { notify() {} };
