import { describe, expect, it } from 'vitest';
import { earnedBy, failsAt, summarize } from '../../src/check/score.js';
import type { Finding, RuleResult, Severity } from '../../src/check/types.js';

const finding = (severity: Severity, rule = 'r'): Finding => ({
  rule,
  severity,
  subject: { type: 'organization', name: 'acme' },
  message: 'm',
  why: 'w',
  fix: 'f: 1',
  docPage: `docs/check/${rule}.md`,
});

const rule = (id: string, weight: number, earned: number, status: RuleResult['status']): RuleResult => ({
  id,
  title: id,
  severity: 'warning',
  weight,
  status,
  earned,
  findings: 0,
  docPage: `docs/check/${id}.md`,
});

describe('check: the score', () => {
  it('a rule earns its weight clean or with notes only, half with warnings, nothing with an error', () => {
    expect(earnedBy(10, [])).toBe(10);
    expect(earnedBy(10, [finding('info')])).toBe(10);
    expect(earnedBy(10, [finding('info'), finding('warning')])).toBe(5);
    expect(earnedBy(10, [finding('warning'), finding('error')])).toBe(0);
  });

  it('the score is the weight earned over the weight of the checkable rules', () => {
    const rules = [rule('a', 10, 10, 'pass'), rule('b', 6, 3, 'fail'), rule('c', 100, 0, 'not-checkable')];
    const report = summarize('live', rules, [finding('warning', 'b')]);
    expect(report.score).toBe(Math.round((100 * 13) / 16));
    expect(report.summary).toEqual({ errors: 0, warnings: 1, infos: 0, passed: 1, failed: 1, notCheckable: 1 });
    expect(summarize('live', [rule('c', 5, 0, 'not-checkable')], []).score).toBe(100);
  });

  it('orders findings errors first and fails at the threshold or above', () => {
    const report = summarize('spec', [], [finding('info'), finding('warning'), finding('error')]);
    expect(report.findings.map((f) => f.severity)).toEqual(['error', 'warning', 'info']);
    const warnOnly = summarize('spec', [], [finding('warning'), finding('info')]);
    expect(failsAt(warnOnly, 'error')).toBe(false);
    expect(failsAt(warnOnly, 'warning')).toBe(true);
    expect(failsAt(summarize('spec', [], [finding('info')]), 'warning')).toBe(false);
    expect(failsAt(summarize('spec', [], [finding('info')]), 'info')).toBe(true);
  });
});
