/** Runs every rule over one input and scores the result. */
import { actionInfo, type ActionInfo } from '../access/action-info.js';
import { computeMatrix } from '../access/matrix.js';
import { PROD_WRITE_ACTIONS } from './prod-write-actions.js';
import { RULES } from './rules/index.js';
import { earnedBy, summarize } from './score.js';
import {
  DEFAULT_CHECK_OPTIONS,
  type CheckContext,
  type CheckInput,
  type CheckOptions,
  type CheckReport,
  type CheckRule,
  type Finding,
  type RuleResult,
} from './types.js';

async function prodWriteActions(): Promise<ActionInfo[]> {
  const infos = await Promise.all(PROD_WRITE_ACTIONS.map((a) => actionInfo(a)));
  return infos.map((info, i) => {
    if (info === undefined) throw new Error(`the IAM service reference has no ${PROD_WRITE_ACTIONS[i]}`);
    return info;
  });
}

export function docPageOf(rule: Pick<CheckRule, 'id'>): string {
  return `docs/check/${rule.id}.md`;
}

export async function runCheck(
  input: CheckInput,
  options: Partial<CheckOptions> = {},
  rules: readonly CheckRule[] = RULES,
): Promise<CheckReport> {
  const opts: CheckOptions = { ...DEFAULT_CHECK_OPTIONS, ...options };
  const production = new Map([...input.access.environments].filter(([, e]) => e.kind === 'production'));
  const prodMatrix = computeMatrix(
    { ...input.access, environments: production },
    input.resolver,
    await prodWriteActions(),
    {
      region: input.model.homeRegion,
    },
  );
  const ctx: CheckContext = { input, options: opts, prodMatrix };
  const results: RuleResult[] = [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const docPage = docPageOf(rule);
    const base = {
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      weight: rule.weight,
      docPage,
      ...(rule.cis === undefined ? {} : { cis: rule.cis }),
    };
    const lacking = (rule.needs ?? []).map((f) => input.unknown.get(f)).find((r) => r !== undefined);
    if (lacking !== undefined) {
      results.push({ ...base, status: 'not-checkable', earned: 0, reason: lacking, findings: 0 });
      continue;
    }
    const own = rule.check(input.model, ctx).map((f): Finding => ({
      rule: rule.id,
      severity: f.severity ?? rule.severity,
      subject: f.subject,
      message: f.message,
      why: f.why,
      fix: f.fix,
      docPage,
    }));
    findings.push(...own);
    const earned = earnedBy(rule.weight, own);
    results.push({ ...base, status: earned === rule.weight ? 'pass' : 'fail', earned, findings: own.length });
  }
  return summarize(input.source, results, findings);
}
