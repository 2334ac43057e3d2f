import { microsToBudgetAmount } from './evaluation.js';
import type { BudgetRecord, NotificationRecord } from './tables.js';

/** AWS's defaults for a cost budget's CostTypes (API reference, CostTypes). */
const DEFAULT_COST_TYPES: Record<string, boolean> = {
  IncludeTax: true,
  IncludeSubscription: true,
  UseBlended: false,
  IncludeRefund: true,
  IncludeCredit: true,
  IncludeUpfront: true,
  IncludeRecurring: true,
  IncludeOtherSubscription: true,
  IncludeSupport: true,
  IncludeDiscount: true,
  UseAmortized: false,
};

export const costTypesOf = (costTypes: Record<string, boolean> | undefined): Record<string, boolean> => ({
  ...DEFAULT_COST_TYPES,
  ...costTypes,
});

/** The Budget structure as DescribeBudget(s) return it; FilterExpression only when asked (ShowFilterExpression). */
export function budgetShape(b: BudgetRecord, showFilterExpression: boolean): Record<string, unknown> {
  const unit = b.limit?.Unit ?? Object.values(b.plannedLimits ?? {})[0]?.Unit ?? 'USD';
  return {
    BudgetName: b.name,
    ...(b.limit === undefined ? {} : { BudgetLimit: b.limit }),
    ...(b.plannedLimits === undefined ? {} : { PlannedBudgetLimits: b.plannedLimits }),
    CostFilters: b.costFilters ?? {},
    ...(b.budgetType === 'COST' ? { CostTypes: costTypesOf(b.costTypes) } : {}),
    TimeUnit: b.timeUnit,
    TimePeriod: { Start: new Date(b.periodStart), End: new Date(b.periodEnd) },
    CalculatedSpend: {
      ActualSpend: { Amount: microsToBudgetAmount(b.actualMicros), Unit: unit },
      ForecastedSpend: { Amount: microsToBudgetAmount(b.forecastMicros), Unit: unit },
    },
    BudgetType: b.budgetType,
    LastUpdatedTime: new Date(b.updatedAt),
    ...(b.autoAdjustData === undefined ? {} : { AutoAdjustData: b.autoAdjustData }),
    ...(showFilterExpression && b.filterExpression !== undefined ? { FilterExpression: b.filterExpression } : {}),
    ...(b.metrics === undefined ? {} : { Metrics: b.metrics }),
  };
}

export const notificationShape = (n: NotificationRecord): Record<string, unknown> => ({
  NotificationType: n.NotificationType,
  ComparisonOperator: n.ComparisonOperator,
  Threshold: n.Threshold,
  ThresholdType: n.ThresholdType,
  NotificationState: n.NotificationState,
});
