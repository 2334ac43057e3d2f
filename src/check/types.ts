/**
 * `bulkhead check`: rules over the organization, each a pure function from what is known (the model, the access
 * view and the access matrix) to findings. A rule that needs a fact the source cannot observe (the trail when
 * checking the live organization) is reported "not checkable" instead of guessed.
 */
import type { AccessMatrixData } from '../access/matrix.js';
import type { AccessOrg } from '../access/org-view.js';
import type { PermissionSetResolver } from '../access/permission-set-policies.js';
import type { OrgModel } from '../model/organization.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** What a finding is about. */
export interface Subject {
  type: 'organization' | 'account' | 'ou' | 'environment' | 'user';
  name: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  subject: Subject;
  message: string;
  /** Why it matters, in one or two sentences. */
  why: string;
  /** An org.yaml snippet that fixes it. */
  fix: string;
  /** The rule's page, relative to the repository root (`docs/check/<rule>.md`). */
  docPage: string;
}

/** Facts one source knows and the other may not. */
export type CheckFact = 'audit';

export interface CheckOptions {
  /** prod-writers: at most this many people may write to production (default 3). */
  maxProdWriters: number;
  /** governance-lean: warn past this many custom SCPs (default 8). */
  maxCustomScps: number;
  /** Member accounts from which an organization counts as growth-size (default 8; a log-archive or security account also makes it one). */
  growthAccounts: number;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = { maxProdWriters: 3, maxCustomScps: 8, growthAccounts: 8 };

/** What the rules read. The same shape from the spec and from the live organization. */
export interface CheckInput {
  source: 'spec' | 'live';
  /** The validated spec, or (live) the organization rebuilt in the model's terms (see live-model.ts). */
  model: OrgModel;
  /** The organization as the access evaluator sees it (SCP chains, identity). */
  access: AccessOrg;
  resolver: PermissionSetResolver;
  /** Facts this source cannot observe, each with the reason. */
  unknown: ReadonlyMap<CheckFact, string>;
}

export interface CheckContext {
  input: CheckInput;
  options: CheckOptions;
  /** Production environments × the write actions of prod-write-actions.ts (computed once by run.ts). */
  prodMatrix: AccessMatrixData;
}

/** Findings are produced without rule, severity and docPage; the runner adds the rule's own. */
export type RawFinding = Omit<Finding, 'rule' | 'docPage' | 'severity'> & { severity?: Severity };

export interface CheckRule {
  /** `workloads-in-management`: also the doc page's name (docs/check/<id>.md). */
  id: string;
  title: string;
  /** The default severity of its findings. */
  severity: Severity;
  /** Its share of the score. */
  weight: number;
  /** A CIS AWS Foundations Benchmark control it covers, when one fits (e.g. `CIS v1.2.0 2.1`). */
  cis?: string;
  /** Facts it needs; when the source lacks one, the rule is not checkable there. */
  needs?: CheckFact[];
  check(model: OrgModel, ctx: CheckContext): RawFinding[];
}

export type RuleStatus = 'pass' | 'fail' | 'not-checkable';

export interface RuleResult {
  id: string;
  title: string;
  severity: Severity;
  weight: number;
  cis?: string;
  status: RuleStatus;
  /** Weight earned: full when it passes, half with warnings only, none with an error; 0 when not checkable. */
  earned: number;
  /** Why it is not checkable. */
  reason?: string;
  findings: number;
  docPage: string;
}

export interface CheckReport {
  source: 'spec' | 'live';
  /** 0–100: the weight earned over the weight of the checkable rules. */
  score: number;
  summary: { errors: number; warnings: number; infos: number; passed: number; failed: number; notCheckable: number };
  rules: RuleResult[];
  findings: Finding[];
}
