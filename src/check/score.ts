import type { CheckReport, Finding, RuleResult, Severity } from './types.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What a rule earns: its weight when clean (infos do not count), half with warnings, nothing with an error. */
export function earnedBy(weight: number, findings: readonly Finding[]): number {
  if (findings.some((f) => f.severity === 'error')) return 0;
  if (findings.some((f) => f.severity === 'warning')) return weight / 2;
  return weight;
}

export function summarize(source: CheckReport['source'], rules: RuleResult[], findings: Finding[]): CheckReport {
  const checkable = rules.filter((r) => r.status !== 'not-checkable');
  const total = checkable.reduce((a, r) => a + r.weight, 0);
  const earned = checkable.reduce((a, r) => a + r.earned, 0);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    source,
    score: total === 0 ? 100 : Math.round((100 * earned) / total),
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      passed: rules.filter((r) => r.status === 'pass').length,
      failed: rules.filter((r) => r.status === 'fail').length,
      notCheckable: rules.filter((r) => r.status === 'not-checkable').length,
    },
    rules,
    findings: [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]),
  };
}

/** Whether the report has a finding at `threshold` or above (error > warning > info). */
export function failsAt(report: CheckReport, threshold: Severity): boolean {
  return report.findings.some((f) => RANK[f.severity] <= RANK[threshold]);
}
