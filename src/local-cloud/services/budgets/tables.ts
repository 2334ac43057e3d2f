import type { TableName } from '../../store/state.js';

/** What AWS Budgets keeps: budgets (in the account that owns them) with their notifications and subscribers. */

export interface SpendRecord {
  Amount: string;
  Unit: string;
}

export interface SubscriberRecord {
  SubscriptionType: 'SNS' | 'EMAIL';
  Address: string;
}

export interface NotificationRecord {
  NotificationType: 'ACTUAL' | 'FORECASTED';
  ComparisonOperator: 'GREATER_THAN' | 'LESS_THAN' | 'EQUAL_TO';
  Threshold: number;
  ThresholdType: 'PERCENTAGE' | 'ABSOLUTE_VALUE';
  /** Set by evaluation: ALARM while the threshold is crossed. */
  NotificationState: 'OK' | 'ALARM';
  subscribers: SubscriberRecord[];
  /** When the state last changed (epoch ms). */
  stateChangedAt: number;
}

/** A budget, keyed `<account>|<name>` (names are unique within an account). */
export interface BudgetRecord {
  accountId: string;
  name: string;
  budgetType: string;
  timeUnit: string;
  limit?: SpendRecord;
  plannedLimits?: Record<string, SpendRecord>;
  costFilters?: Record<string, string[]>;
  filterExpression?: Record<string, unknown>;
  costTypes?: Record<string, boolean>;
  autoAdjustData?: Record<string, unknown>;
  metrics?: string[];
  /** The budget's time period (epoch ms): AWS fills Start with the current period's start and End far ahead. */
  periodStart: number;
  periodEnd: number;
  createdAt: number;
  updatedAt: number;
  notifications: NotificationRecord[];
  tags: Record<string, string>;
  /** The last evaluation against the synthetic bill (micro-dollars) and when it ran. */
  actualMicros: number;
  forecastMicros: number;
  evaluatedAt: number;
}

/** When the periodic re-evaluation next runs (one record, key `next`). */
export interface BudgetsScheduleRecord {
  at: number;
}

declare module '../../store/state.js' {
  interface Tables {
    budgets: BudgetRecord;
    budgetsSchedule: BudgetsScheduleRecord;
  }
}

export const BUDGETS_TABLES = ['budgets', 'budgetsSchedule'] as const satisfies readonly TableName[];

export const budgetKey = (accountId: string, name: string): string => `${accountId}|${name}`;

export const budgetArn = (accountId: string, name: string): string => `arn:aws:budgets::${accountId}:budget/${name}`;
