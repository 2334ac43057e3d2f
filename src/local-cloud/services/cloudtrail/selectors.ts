import type { HandlerContext } from '../registry.js';
import { ctError, findTrail, optList, ownTrailForChange, reqString } from './common.js';
import type { EventSelectorRecord, TrailRecord } from './tables.js';

/** AWS: up to five basic event selectors per trail; 500 conditions over its advanced selectors. */
const MAX_EVENT_SELECTORS = 5;
const MAX_ADVANCED_SELECTORS = 500;
const READ_WRITE = ['ReadOnly', 'WriteOnly', 'All'] as const;

/** A trail with no selectors of its own logs every management event, read and write. */
export const DEFAULT_SELECTORS: readonly EventSelectorRecord[] = [
  { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
];

const invalid = (message: string) => ctError('InvalidEventSelectorsException', message);

function readSelector(raw: unknown): EventSelectorRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid('Each event selector must be a structure.');
  const s = raw as Record<string, unknown>;
  const rw = s.ReadWriteType ?? 'All';
  if (typeof rw !== 'string' || !(READ_WRITE as readonly string[]).includes(rw))
    throw invalid(`ReadWriteType must be one of ${READ_WRITE.join(', ')}, not ${String(rw)}.`);
  const include = s.IncludeManagementEvents ?? true;
  if (typeof include !== 'boolean') throw invalid('IncludeManagementEvents must be a boolean.');
  const data = s.DataResources ?? [];
  const excluded = s.ExcludeManagementEventSources ?? [];
  if (!Array.isArray(data) || !Array.isArray(excluded) || excluded.some((e) => typeof e !== 'string'))
    throw invalid('DataResources and ExcludeManagementEventSources must be lists.');
  return {
    ReadWriteType: rw as EventSelectorRecord['ReadWriteType'],
    IncludeManagementEvents: include,
    DataResources: data as EventSelectorRecord['DataResources'],
    ExcludeManagementEventSources: excluded as string[],
  };
}

function selectorsOutput(t: TrailRecord): Record<string, unknown> {
  if (t.advancedEventSelectors !== undefined)
    return { TrailARN: t.arn, AdvancedEventSelectors: t.advancedEventSelectors };
  return { TrailARN: t.arn, EventSelectors: t.eventSelectors ?? DEFAULT_SELECTORS };
}

export function putEventSelectors(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const trail = ownTrailForChange(ctx, reqString(input, 'TrailName'));
  const basic = optList(input, 'EventSelectors');
  const advanced = optList(input, 'AdvancedEventSelectors');
  if ((basic === undefined) === (advanced === undefined))
    throw ctError(
      'InvalidParameterCombinationException',
      'Specify either EventSelectors or AdvancedEventSelectors, but not both.',
    );
  const next: TrailRecord = { ...trail, hasCustomEventSelectors: true };
  if (basic !== undefined) {
    if (basic.length > MAX_EVENT_SELECTORS)
      throw invalid(`A trail can have at most ${MAX_EVENT_SELECTORS} event selectors.`);
    next.eventSelectors = basic.map(readSelector);
    delete next.advancedEventSelectors;
  } else if (advanced !== undefined) {
    if (advanced.length > MAX_ADVANCED_SELECTORS) throw invalid('Too many advanced event selectors.');
    next.advancedEventSelectors = advanced;
    delete next.eventSelectors;
  }
  ctx.store.put('cloudtrailTrails', trail.arn, next);
  return selectorsOutput(next);
}

export function getEventSelectors(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  return selectorsOutput(findTrail(ctx, reqString(input, 'TrailName')));
}

interface FieldSelector {
  Field?: string;
  Equals?: string[];
  NotEquals?: string[];
}

/** An advanced selector's verdict on a management event: its eventCategory, readOnly and eventSource conditions. */
function advancedSelects(raw: unknown, readOnly: boolean, eventSource: string): boolean {
  const fields = ((raw as { FieldSelectors?: FieldSelector[] }).FieldSelectors ?? []) as FieldSelector[];
  const value = (f: string): string | undefined =>
    f === 'eventCategory'
      ? 'Management'
      : f === 'readOnly'
        ? String(readOnly)
        : f === 'eventSource'
          ? eventSource
          : undefined;
  let management = false;
  for (const f of fields) {
    const v = value(f.Field ?? '');
    if (v === undefined) continue;
    if (f.Field === 'eventCategory') management = f.Equals?.includes('Management') === true;
    if (f.Equals !== undefined && !f.Equals.includes(v)) return false;
    if (f.NotEquals?.includes(v) === true) return false;
  }
  return management;
}

/** Whether the trail's selectors log a management event of this source and read/write type. */
export function selectsEvent(t: TrailRecord, readOnly: boolean, eventSource: string): boolean {
  if (t.advancedEventSelectors !== undefined)
    return t.advancedEventSelectors.some((s) => advancedSelects(s, readOnly, eventSource));
  return (t.eventSelectors ?? DEFAULT_SELECTORS).some(
    (s) =>
      s.IncludeManagementEvents &&
      (s.ReadWriteType === 'All' || (s.ReadWriteType === 'ReadOnly') === readOnly) &&
      !s.ExcludeManagementEventSources.includes(eventSource),
  );
}
