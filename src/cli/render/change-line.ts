import type { BulkheadEvent } from '../../core/events.js';

type ChangeEvent = Extract<BulkheadEvent, { type: 'change' }>;
type ProgressEvent = Extract<BulkheadEvent, { type: 'progress' }>;

const STATE: Record<ChangeEvent['data']['state'], ProgressEvent['state']> = {
  start: 'start',
  running: 'running',
  retrying: 'running',
  done: 'done',
  failed: 'failed',
  skipped: 'failed',
  'not-started': 'failed',
};

/** A change event as one progress line: `create account acme-dev: creating (request …)`. */
export function changeAsProgress(event: ChangeEvent): ProgressEvent {
  const d = event.data;
  const what = `${d.action} ${d.address.kind} ${d.label}`;
  const detail =
    d.state === 'failed' && d.error
      ? d.error.message
      : d.state === 'not-started'
        ? 'not started (cancelled)'
        : d.detail;
  const base = { ...event, type: 'progress' as const, code: event.code, id: d.changeId, state: STATE[d.state] };
  const message = detail ? `${what}: ${detail}` : what;
  return d.state === 'done' || d.state === 'failed'
    ? { ...base, message, elapsedMs: d.elapsedMs }
    : { ...base, message };
}
