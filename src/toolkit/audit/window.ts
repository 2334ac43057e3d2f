import { UsageError } from '../../core/errors.js';

/** The time range `bulkhead audit` reads: events with since <= eventTime <= until. */
export interface TimeWindow {
  since: Date;
  until: Date;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `30m`, `1h`, `2d` before `now`, or an ISO 8601 time (`2024-05-01`, `2024-05-01T10:00:00Z`). */
export function parseTimeBound(text: string, flag: string, now: number): Date {
  const value = text.trim();
  const duration = /^(\d+)\s*([smhdw])$/i.exec(value);
  if (duration) return new Date(now - Number(duration[1]) * UNIT_MS[duration[2]!.toLowerCase()]!);
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/i.test(value)) {
    // A date or time without a zone is UTC, as CloudTrail's times are.
    const iso = /[T ]/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? `${value}Z` : value;
    const ms = Date.parse(iso.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  throw new UsageError(
    `${flag} "${text}" is neither a duration nor a time`,
    `give a duration before now (30m, 1h, 2d, 1w) or an ISO 8601 time in UTC (2024-05-01 or 2024-05-01T10:00:00Z)`,
  );
}

/** The window from the flags: since defaults to one hour ago, until to now. */
export function timeWindow(flags: { since?: string; until?: string }, now: number): TimeWindow {
  const since = parseTimeBound(flags.since ?? '1h', '--since', now);
  const until = flags.until === undefined ? new Date(now) : parseTimeBound(flags.until, '--until', now);
  if (since.getTime() > until.getTime()) {
    throw new UsageError(
      `--since ${since.toISOString()} is after --until ${until.toISOString()}`,
      'give an earlier --since or a later --until',
    );
  }
  return { since, until };
}

/**
 * CloudTrail delivers a call's record in a file written after it, typically within minutes (not guaranteed): files
 * stamped up to this long after `until` are read too, so the last calls of a window are not missed.
 */
export const DELIVERY_SLACK_MS = 3_600_000;

/** The `YYYY/MM/DD` folders (UTC) log files of the window can sit in. */
export function dayFolders(window: TimeWindow): string[] {
  const days: string[] = [];
  const last = window.until.getTime() + DELIVERY_SLACK_MS;
  const day = new Date(Date.UTC(window.since.getUTCFullYear(), window.since.getUTCMonth(), window.since.getUTCDate()));
  for (; day.getTime() <= last; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(
      `${day.getUTCFullYear()}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${String(day.getUTCDate()).padStart(2, '0')}`,
    );
  }
  return days;
}

/** The delivery minute in a log file's name (`…_CloudTrail_<region>_20240501T1005Z_<random>.json.gz`). */
export function deliveryStamp(key: string): Date | undefined {
  const m = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[^/]*$/.exec(key);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi));
}

/**
 * Whether a log file can hold events of the window, from the delivery time in its name: a file delivered before
 * `since` holds only older events (the stamp is cut to the minute, hence the minute's grace); one delivered long
 * after `until` only newer ones. A name without a stamp is read.
 */
export function fileMayHold(key: string, window: TimeWindow): boolean {
  const stamp = deliveryStamp(key);
  if (stamp === undefined) return true;
  const t = stamp.getTime();
  return t + 60_000 > window.since.getTime() && t <= window.until.getTime() + DELIVERY_SLACK_MS;
}
