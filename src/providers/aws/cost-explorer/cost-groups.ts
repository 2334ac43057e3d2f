import type { GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import { BulkheadError } from '../../../core/errors.js';
import { amountToMicros } from './amount.js';
import { scanCostPage, type PageSink } from './page-scan.js';

/** One distinct group of an answer (its Keys, `["111122223333", "Amazon EC2"]`) and its cost per period. */
export interface CostGroupSeries {
  keys: string[];
  /** UnblendedCost in micro-dollars per index of `CostQueryResult.starts`; a hole where the period has none. */
  micros: number[];
}

/** A GetCostAndUsage answer, every page folded in as it arrived: no object per group and period. */
export interface CostQueryResult {
  /** The periods' starts (`YYYY-MM-DD`), in the order the answer gave them. */
  starts: string[];
  groups: CostGroupSeries[];
  /** LINKED_ACCOUNT id → account name, from DimensionValueAttributes. */
  accountNames: Map<string, string>;
  /** Whether any period is not closed yet (Cost Explorer's `Estimated`). */
  estimated: boolean;
  pages: number;
}

const METRIC = 'UnblendedCost';

/** Folds pages into one result: the same group and period seen twice (a period split across pages) add up. */
export class CostGroupsFold implements PageSink {
  private readonly result: CostQueryResult = {
    starts: [],
    groups: [],
    accountNames: new Map(),
    estimated: false,
    pages: 0,
  };
  private readonly startIndex = new Map<string, number>();
  private readonly groupIndex = new Map<string, CostGroupSeries>();
  /** The group (and its id) at each place of the last period seen. */
  private readonly lastAt: CostGroupSeries[] = [];
  private readonly lastIds: string[] = [];

  constructor(private readonly grouped: boolean) {}

  /** A page already parsed (or a stand-in's answer). */
  add(page: GetCostAndUsageCommandOutput): void {
    this.result.pages += 1;
    for (const period of page.ResultsByTime ?? []) {
      const groups = period.Groups ?? [];
      const total = period.Total?.[METRIC] ? amountToMicros(period.Total[METRIC].Amount) : undefined;
      this.period(
        period.TimePeriod?.Start ?? '',
        period.Estimated === true,
        groups.map((g) => g.Keys ?? []),
        groups.map((g) => amountToMicros(g.Metrics?.[METRIC]?.Amount)),
        total,
      );
    }
    for (const attr of page.DimensionValueAttributes ?? []) {
      const name = attr.Attributes?.['description'];
      if (attr.Value && name) this.accountName(attr.Value, name);
    }
  }

  /** A page as JSON text: scanned where it has the expected shape, else parsed whole. Returns its NextPageToken. */
  addText(text: string): string | undefined {
    const scanned = scanCostPage(text, this);
    if (scanned !== undefined) {
      this.result.pages += 1;
      return scanned.nextPageToken;
    }
    let page: GetCostAndUsageCommandOutput;
    try {
      page = JSON.parse(text) as GetCostAndUsageCommandOutput;
    } catch (err) {
      // The endpoint's fault, not Bulkhead's: a 200 whose body is not JSON (cut short, or not Cost Explorer at all).
      throw new BulkheadError(
        'aws-bad-answer',
        `Cost Explorer answered GetCostAndUsage with a body that is not JSON (${(err as Error).message})`,
        { source: 'aws', hint: 'check --endpoint / AWS_ENDPOINT_URL points at Cost Explorer, then run it again' },
      );
    }
    this.add(page);
    return page.NextPageToken || undefined;
  }

  period(start: string, estimated: boolean, keys: string[][], micros: number[], total: number | undefined): void {
    const r = this.result;
    let si = this.startIndex.get(start);
    if (si === undefined) {
      si = r.starts.push(start) - 1;
      this.startIndex.set(start, si);
    }
    if (estimated) r.estimated = true;
    // Periods list their groups in the same order, mostly: the group at the same place last time is tried first.
    for (let i = 0; i < keys.length; i++) this.addTo(keys[i]!, si, micros[i]!, i);
    // Without groups, the period's Total is the one row.
    if (!this.grouped && total !== undefined) this.addTo([], si, total);
  }

  accountName(id: string, name: string): void {
    this.result.accountNames.set(id, name);
  }

  private addTo(keys: string[], si: number, micros: number, place = -1): void {
    // One key is its own id (no JSON array text starts otherwise than with `[`); several are their JSON.
    const only = keys.length === 1 ? keys[0]! : undefined;
    const id = only !== undefined && only.charCodeAt(0) !== 0x5b ? only : JSON.stringify(keys);
    let g = place >= 0 && this.lastIds[place] === id ? this.lastAt[place] : this.groupIndex.get(id);
    if (g === undefined) {
      g = { keys, micros: [] };
      this.groupIndex.set(id, g);
      this.result.groups.push(g);
    }
    if (place >= 0) {
      this.lastAt[place] = g;
      this.lastIds[place] = id;
    }
    g.micros[si] = (g.micros[si] ?? 0) + micros;
  }

  done(): CostQueryResult {
    return this.result;
  }
}
