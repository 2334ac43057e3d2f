import { amountToMicros } from './amount.js';
import { stringEnd } from './json-scan.js';

/** What a GetCostAndUsage page holds, given one period at a time. */
export interface PageSink {
  /** One period of ResultsByTime: its start, groups (Keys and UnblendedCost), Total's UnblendedCost, Estimated. */
  period(start: string, estimated: boolean, keys: string[][], micros: number[], total: number | undefined): void;
  accountName(id: string, name: string): void;
}

/** Thrown inside the scan when the text is not the page it should be; the caller then parses it whole. */
class Unexpected extends Error {}

const METRIC = 'UnblendedCost';

/**
 * Reads one GetCostAndUsage page's JSON text into `sink` without building an object per group: a year of daily
 * costs for 1,000 accounts is 365,000 groups, and JSON.parse's objects for them cost more than the rest of
 * `bulkhead cost` together. Keys in any order, whitespace and escapes are read as JSON reads them; fields it does not
 * need are skipped. Returns the page's NextPageToken; undefined, having told `sink` nothing, when the text is not a
 * well-formed page of the expected shape: the caller then falls back to JSON.parse, which reports what is wrong.
 */
export function scanCostPage(text: string, sink: PageSink): { nextPageToken: string | undefined } | undefined {
  const periods: Period[] = [];
  const names: [string, string][] = [];
  let nextPageToken: string | undefined;
  try {
    const s = new Scanner(text);
    s.object((key) => {
      if (key === 'ResultsByTime') s.array(() => periods.push(readPeriod(s)));
      else if (key === 'DimensionValueAttributes') s.array(() => readAttribute(s, names));
      else if (key === 'NextPageToken' && s.isString()) nextPageToken = s.string() || undefined;
      else s.skip();
    });
    s.end();
  } catch (err) {
    if (err instanceof Unexpected) return undefined;
    throw err;
  }
  for (const p of periods) sink.period(p.start, p.estimated, p.keys, p.micros, p.total);
  for (const [id, name] of names) sink.accountName(id, name);
  return { nextPageToken };
}

interface Period {
  start: string;
  estimated: boolean;
  keys: string[][];
  micros: number[];
  total: number | undefined;
}

function readPeriod(s: Scanner): Period {
  const p: Period = { start: '', estimated: false, keys: [], micros: [], total: undefined };
  s.object((key) => {
    if (key === 'TimePeriod') {
      s.object((k) => {
        if (k === 'Start') p.start = s.string();
        else s.skip();
      });
    } else if (key === 'Estimated') p.estimated = s.boolean();
    else if (key === 'Total') p.total = readMetrics(s);
    else if (key === 'Groups') {
      s.array(() => {
        if (s.compactGroup(p)) return;
        let keys: string[] = [];
        let micros: number | undefined;
        s.object((k) => {
          if (k === 'Keys') keys = s.strings();
          else if (k === 'Metrics') micros = readMetrics(s);
          else s.skip();
        });
        p.keys.push(keys);
        p.micros.push(micros ?? 0);
      });
    } else s.skip();
  });
  return p;
}

/** A Metrics (or Total) object's UnblendedCost amount in micro-dollars; undefined when it has none. */
function readMetrics(s: Scanner): number | undefined {
  let micros: number | undefined;
  s.object((metric) => {
    if (metric !== METRIC) return s.skip();
    micros = 0;
    s.object((k) => {
      if (k === 'Amount') micros = s.amount();
      else s.skip();
    });
  });
  return micros;
}

function readAttribute(s: Scanner, names: [string, string][]): void {
  if (s.compactAttribute(names)) return;
  let id = '';
  let name = '';
  s.object((key) => {
    if (key === 'Value') id = s.string();
    else if (key === 'Attributes') {
      s.object((k) => {
        if (k === 'description') name = s.string();
        else s.skip();
      });
    } else s.skip();
  });
  if (id && name) names.push([id, name]);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const GROUP_HEAD = '{"Keys":["';
const GROUP_MID = `"],"Metrics":{"${METRIC}":{"Amount":`;
const GROUP_TAIL = ',"Unit":"USD"}}}';
const ATTRIBUTE_HEAD = '{"Value":"';
const ATTRIBUTE_MID = '","Attributes":{"description":"';
const ATTRIBUTE_TAIL = '"}}';

/** Whether `text` has `part` at `at`: a substring compared whole is several times faster than startsWith here. */
const textAt = (text: string, at: number, part: string): boolean => text.substring(at, at + part.length) === part;

/** The index of the quote ending a string whose text starts at `from`, or -1 if it has an escape or control char. */
function plainStringEnd(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === QUOTE) return k;
    if (c === BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

function hasControl(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) < 0x20) return true;
  return false;
}

/** A cursor over JSON text: reads what the page needs, skips the rest, throws Unexpected on anything else. */
class Scanner {
  private i = 0;
  constructor(private readonly text: string) {}

  private space(): void {
    const t = this.text;
    let c = t.charCodeAt(this.i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = t.charCodeAt(++this.i);
  }

  private expect(code: number): void {
    this.space();
    if (this.text.charCodeAt(this.i) !== code) throw new Unexpected();
    this.i++;
  }

  /** Whether the next character (after space) is `code`; consumed if so. */
  private take(code: number): boolean {
    this.space();
    if (this.text.charCodeAt(this.i) !== code) return false;
    this.i++;
    return true;
  }

  isString(): boolean {
    return this.peek() === QUOTE;
  }

  private peek(): number {
    this.space();
    return this.text.charCodeAt(this.i);
  }

  /** `{ "key": value, … }`, `member` reading (or skipping) each value. */
  object(member: (key: string) => void): void {
    this.expect(0x7b);
    if (this.take(0x7d)) return;
    do {
      const key = this.string();
      this.expect(0x3a);
      member(key);
    } while (this.take(0x2c));
    this.expect(0x7d);
  }

  /** `[ value, … ]`, `item` reading each. */
  array(item: () => void): void {
    this.expect(0x5b);
    if (this.take(0x5d)) return;
    do item();
    while (this.take(0x2c));
    this.expect(0x5d);
  }

  /**
   * The common case, read at the speed of a string compare: a group written compactly in the usual order,
   * `{"Keys":["…"],"Metrics":{"UnblendedCost":{"Amount":"…","Unit":"USD"}}}`, keys without escapes. Anything else
   * leaves the cursor where it was, for the general path.
   */
  compactGroup(p: { keys: string[][]; micros: number[] }): boolean {
    this.space();
    const t = this.text;
    const at = this.i;
    if (!textAt(t, at, GROUP_HEAD)) return false;
    const keys: string[] = [];
    let k = at + GROUP_HEAD.length;
    for (;;) {
      const end = plainStringEnd(t, k);
      if (end === -1) return false;
      keys.push(t.slice(k, end));
      if (t.charCodeAt(end + 1) === 0x2c && t.charCodeAt(end + 2) === QUOTE) k = end + 3;
      else if (textAt(t, end, GROUP_MID)) {
        k = end + GROUP_MID.length;
        break;
      } else return false;
    }
    this.i = k;
    const micros = this.plainAmount();
    if (micros === undefined || !textAt(t, this.i, GROUP_TAIL)) {
      this.i = at;
      return false;
    }
    this.i += GROUP_TAIL.length;
    p.keys.push(keys);
    p.micros.push(micros);
    return true;
  }

  /** `{"Value":"…","Attributes":{"description":"…"}}` written compactly, without escapes: the common case. */
  compactAttribute(names: [string, string][]): boolean {
    this.space();
    const t = this.text;
    const at = this.i;
    if (!textAt(t, at, ATTRIBUTE_HEAD)) return false;
    const idFrom = at + ATTRIBUTE_HEAD.length;
    const idEnd = plainStringEnd(t, idFrom);
    if (idEnd === -1 || !textAt(t, idEnd, ATTRIBUTE_MID)) return false;
    const nameFrom = idEnd + ATTRIBUTE_MID.length;
    const nameEnd = plainStringEnd(t, nameFrom);
    if (nameEnd === -1 || !textAt(t, nameEnd, ATTRIBUTE_TAIL)) return false;
    this.i = nameEnd + ATTRIBUTE_TAIL.length;
    const id = t.slice(idFrom, idEnd);
    const name = t.slice(nameFrom, nameEnd);
    if (id && name) names.push([id, name]);
    return true;
  }

  strings(): string[] {
    const out: string[] = [];
    this.array(() => out.push(this.string()));
    return out;
  }

  string(): string {
    this.space();
    const t = this.text;
    const start = this.i;
    if (t.charCodeAt(start) !== QUOTE) throw new Unexpected();
    const end = this.stringEnd(start);
    this.i = end + 1;
    const raw = t.slice(start + 1, end);
    if (raw.indexOf('\\') === -1) {
      // Control characters are not allowed raw inside a JSON string.
      if (hasControl(raw)) throw new Unexpected();
      return raw;
    }
    try {
      return JSON.parse(t.slice(start, end + 1)) as string;
    } catch {
      throw new Unexpected();
    }
  }

  /** An Amount string in micro-dollars, read from its digits where it is a plain decimal. */
  amount(): number {
    this.space();
    return this.plainAmount() ?? amountToMicros(this.string());
  }

  /**
   * A plain decimal amount string (`"-12.3456789"`) at the cursor in micro-dollars, rounded half up on the seventh
   * decimal as amountToMicros does; undefined, the cursor unmoved, for anything else (an exponent, spaces, escapes,
   * a whole part past exact micro-dollars).
   */
  private plainAmount(): number | undefined {
    const t = this.text;
    const start = this.i;
    if (t.charCodeAt(start) !== QUOTE) throw new Unexpected();
    let k = start + 1;
    const negative = t.charCodeAt(k) === 0x2d;
    if (negative) k++;
    let whole = 0;
    let digits = 0;
    let c = t.charCodeAt(k);
    while (c >= 0x30 && c <= 0x39) {
      whole = whole * 10 + (c - 0x30);
      digits++;
      c = t.charCodeAt(++k);
    }
    let frac = 0;
    let fracDigits = 0;
    let up = 0;
    if (c === 0x2e) {
      c = t.charCodeAt(++k);
      while (c >= 0x30 && c <= 0x39) {
        if (fracDigits < 6) frac = frac * 10 + (c - 0x30);
        else if (fracDigits === 6) up = c >= 0x35 ? 1 : 0;
        fracDigits++;
        c = t.charCodeAt(++k);
      }
    }
    if (c !== QUOTE || digits > 9 || (digits === 0 && fracDigits === 0)) return undefined;
    this.i = k + 1;
    for (; fracDigits < 6; fracDigits++) frac *= 10;
    const micros = whole * 1_000_000 + frac + up;
    return negative ? -micros : micros;
  }

  boolean(): boolean {
    this.space();
    if (this.text.startsWith('true', this.i)) {
      this.i += 4;
      return true;
    }
    if (this.text.startsWith('false', this.i)) {
      this.i += 5;
      return false;
    }
    throw new Unexpected();
  }

  /** Any value, checked only as far as finding where it ends (JSON.parse of the whole page would check the rest). */
  skip(): void {
    const c = this.peek();
    if (c === QUOTE) this.string();
    else if (c === 0x7b) this.object(() => this.skip());
    else if (c === 0x5b) this.array(() => this.skip());
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
        this.text.slice(this.i, this.i + 64),
      );
      if (m === null) throw new Unexpected();
      this.i += m[0].length;
    }
  }

  /** Only space may follow the top-level value. */
  end(): void {
    this.space();
    if (this.i !== this.text.length) throw new Unexpected();
  }

  /** The index of the quote closing the string that opens at `start`. */
  private stringEnd(start: number): number {
    const end = stringEnd(this.text, start);
    if (end < 0) throw new Unexpected();
    return end;
  }
}
