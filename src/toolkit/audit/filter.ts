import type { AuditEvent } from './records.js';
import type { TimeWindow } from './window.js';

/** What `bulkhead audit` keeps besides the account (which decides the folders it lists). */
export interface AuditFilter {
  window: TimeWindow;
  /** Event names (`CreateRole`, `iam:CreateRole`, `Create*`), case-insensitive; empty: every event. */
  eventNames: string[];
  /** Parts of the principal (its short name, ARN or principal id), case-insensitive; empty: everyone. */
  principals: string[];
  errorsOnly: boolean;
}

function glob(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** A predicate for the filter; event-name patterns are compiled once. */
export function eventMatcher(filter: AuditFilter): (event: AuditEvent) => boolean {
  const names = filter.eventNames.map((n) => ({ service: n.includes(':'), re: glob(n) }));
  const principals = filter.principals.map((p) => p.toLowerCase());
  const since = filter.window.since.getTime();
  const until = filter.window.until.getTime();
  return (event) => {
    const t = Date.parse(event.time);
    if (t < since || t > until) return false;
    if (filter.errorsOnly && event.error === null) return false;
    if (
      names.length > 0 &&
      !names.some((n) => n.re.test(n.service ? `${event.service}:${event.eventName}` : event.eventName))
    )
      return false;
    if (principals.length > 0) {
      const who = [event.principal.name, event.principal.arn ?? '', event.principal.principalId ?? ''].map((s) =>
        s.toLowerCase(),
      );
      if (!principals.some((p) => who.some((w) => w.includes(p)))) return false;
    }
    return true;
  };
}
