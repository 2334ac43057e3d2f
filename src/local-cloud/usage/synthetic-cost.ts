import { hashText, mix, unit } from './hash.js';
import { COST_PROFILES, profileOf, type CostProfileName } from './profiles.js';

/**
 * The local cloud's synthetic bill: what each account costs per service per day, deterministic from a seed and the
 * account (id, name, tags), so the demo and tests see meaningful, repeatable reports. Prod costs more than staging,
 * staging more than dev, sandboxes little; a few services dominate; weekends are quieter (dev and sandboxes much
 * quieter); the last two days of a month spike where the profile says so; costs grow slowly month over month; and
 * every (account, service, day) varies ±10% around that.
 *
 * Money is in integer micro-dollars (1e-6 USD), so sums are exact: Cost Explorer's totals and the per-account
 * numbers add up to the same figure however they are grouped. Days are whole UTC days since 1970-01-01.
 */

export const MICROS_PER_USD = 1_000_000;
const DAY_MS = 86_400_000;
/** 2026-01-01: the day growth is measured from. */
const GROWTH_ANCHOR_DAY = 20_454;
const GROWTH_PER_MONTH = 0.012;
const NOISE = 0.1;

export interface CostAccountInput {
  id: string;
  name: string;
  tags: Record<string, string>;
  /** The management (payer) account has its own, small profile. */
  management: boolean;
}

export interface AccountCostModel {
  accountId: string;
  profile: CostProfileName;
  /** The account's scale on its profile, 0.75–1.25. */
  scale: number;
  /** Service names, in the profile's order (largest share first). */
  services: readonly string[];
  /** Micro-dollars per weekday before trend, spike and noise, per service (same order). */
  baseDailyMicros: readonly number[];
  weekendFactor: number;
  monthEndFactor: number;
  /** Hash of seed and account, for the noise. */
  key: number;
}

export function accountCostModel(seed: string, account: CostAccountInput): AccountCostModel {
  const profile = profileOf(account, account.management);
  const p = COST_PROFILES[profile];
  const key = hashText(`${seed}|${account.id}`);
  const scale = 0.75 + 0.5 * unit(mix(key, 1));
  // A weekday's share of a month: 30.44 days, weekends at their factor.
  const weekdayEquivalents = (30.44 * (5 + 2 * p.weekendFactor)) / 7;
  const daily = (p.monthlyUsd * scale) / weekdayEquivalents;
  return {
    accountId: account.id,
    profile,
    scale,
    services: p.services.map((s) => s.service),
    baseDailyMicros: p.services.map((s) => daily * s.share * MICROS_PER_USD),
    weekendFactor: p.weekendFactor,
    monthEndFactor: p.monthEndFactor,
    key,
  };
}

/** The calendar factor of a day: weekend, month end and growth (no noise). */
function dayFactor(model: AccountCostModel, day: number): number {
  const date = new Date(day * DAY_MS);
  const weekday = date.getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? model.weekendFactor : 1;
  const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  const monthEnd = date.getUTCDate() > daysInMonth - 2 ? model.monthEndFactor : 1;
  const growth = 1 + (GROWTH_PER_MONTH * (day - GROWTH_ANCHOR_DAY)) / 30.44;
  return weekend * monthEnd * Math.max(0.5, growth);
}

/** What one service of the account cost on `day`, in micro-dollars (an integer). */
export function dailyServiceMicros(model: AccountCostModel, serviceIndex: number, day: number): number {
  const base = model.baseDailyMicros[serviceIndex];
  if (base === undefined) return 0;
  const noise = 1 + NOISE * (2 * unit(mix(model.key, day, serviceIndex + 2)) - 1);
  return Math.round(base * dayFactor(model, day) * noise);
}

/** Every service's cost on `day` (same order as `model.services`), in micro-dollars. */
export function dailyMicros(model: AccountCostModel, day: number): number[] {
  return model.baseDailyMicros.map((_, i) => dailyServiceMicros(model, i, day));
}

/** What the account is expected to cost on a future `day`, without noise (Cost Explorer's forecast). */
export function expectedDailyMicros(model: AccountCostModel, day: number): number {
  const f = dayFactor(model, day);
  let total = 0;
  for (const base of model.baseDailyMicros) total += base * f;
  return Math.round(total);
}

/** Day number of an ISO date `YYYY-MM-DD` (UTC). */
export const dayOf = (isoDate: string): number => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);

/** Day number of an instant (epoch ms). */
export const dayOfTime = (ms: number): number => Math.floor(ms / DAY_MS);

/** ISO date `YYYY-MM-DD` of a day number. */
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Micro-dollars as Cost Explorer writes an amount: a decimal string (`"123.456789"`). */
export function microsToAmount(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS_PER_USD);
  const frac = String(abs % MICROS_PER_USD).padStart(6, '0');
  return `${sign}${whole}.${frac}`;
}

/** The calendar of one day, shared by every account: what `dayFactor` needs, computed once per day, not per value. */
export interface DayCalendar {
  day: number;
  weekend: boolean;
  monthEnd: boolean;
  growth: number;
}

export function dayCalendar(day: number): DayCalendar {
  const date = new Date(day * DAY_MS);
  const weekday = date.getUTCDay();
  const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  return {
    day,
    weekend: weekday === 0 || weekday === 6,
    monthEnd: date.getUTCDate() > daysInMonth - 2,
    growth: Math.max(0.5, 1 + (GROWTH_PER_MONTH * (day - GROWTH_ANCHOR_DAY)) / 30.44),
  };
}

/**
 * Adds what each service of the account cost on the calendar's day to `into` (same order as `model.services`), for
 * the services `mask` allows (all when undefined): exactly `dailyServiceMicros`, without its per-call date arithmetic.
 * Returns the day's total over the allowed services.
 */
export function addDayMicros(
  model: AccountCostModel,
  cal: DayCalendar,
  into: number[],
  mask?: readonly boolean[],
): number {
  const factor = (cal.weekend ? model.weekendFactor : 1) * (cal.monthEnd ? model.monthEndFactor : 1) * cal.growth;
  let total = 0;
  const bases = model.baseDailyMicros;
  for (let i = 0; i < bases.length; i++) {
    if (mask !== undefined && mask[i] !== true) continue;
    const noise = 1 + NOISE * (2 * unit(mix(model.key, cal.day, i + 2)) - 1);
    const micros = Math.round(bases[i]! * factor * noise);
    into[i] = (into[i] ?? 0) + micros;
    total += micros;
  }
  return total;
}
