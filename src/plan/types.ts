import type { Kind, KindMap } from '../model/kinds.js';
import type { PolicyOrigin } from '../model/organization.js';

/** A closed set of actions, each with its symbol in rendered plans. */
export type Action = 'create' | 'update' | 'move' | 'attach' | 'detach' | 'delete' | 'close';

export const ACTION_SYMBOLS: Record<Action, string> = {
  create: '+',
  update: '~',
  move: '→',
  attach: '+',
  detach: '-',
  delete: '-',
  close: '-',
};

/** One property that changes: rendered as `name: before → after`. */
export interface PropertyChange {
  name: string;
  before?: unknown;
  after?: unknown;
}

/** One step of a plan. `id` is stable for the same spec and state, so plans are comparable. */
export interface KindChange<K extends Kind> {
  id: string;
  kind: K;
  /** The natural key: OU path, account email, policy name, `policy → target`. */
  key: string;
  action: Action;
  /** Human label, e.g. the account name. */
  label: string;
  properties: PropertyChange[];
  /** Everything apply needs to carry the change out, resolved at plan time where possible. */
  payload: KindMap[K]['payload'];
  dependsOn: string[];
  /**
   * Changes whose physical ids this one needs only for its last step: it starts without them and
   * waits for them when it gets there (an account is created at once and waits for its OU only to
   * move into it). A failure of one fails this change at that step; what it did before stays done.
   */
  awaits?: string[];
  destructive: boolean;
  /** A policy packed from `guardrails:`: the guardrails it holds and its size. */
  origin?: PolicyOrigin;
}

/** A change of any kind; narrow on `kind` to reach its typed payload. */
export type Change = { [K in Kind]: KindChange<K> }[Kind];

/** Something the spec asks for that cannot be planned (e.g. moving a protected account). */
export interface PlanProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  hint?: string;
  key: string;
}

/** Something the plan does not do, said so the reader does not assume it (an account left alone). */
export interface PlanNote {
  code: string;
  message: string;
  key?: string;
}

export interface Plan {
  formatVersion: 2;
  createdAt: string;
  target: string;
  specFile: string;
  specHash: string;
  /** Hash of the observed organization; apply refuses the plan when it no longer matches. */
  stateFingerprint: string;
  changes: Change[];
  problems: PlanProblem[];
  notes: PlanNote[];
}

export function summarize(changes: readonly Change[]): Record<Action, number> {
  const out: Record<Action, number> = { create: 0, update: 0, move: 0, attach: 0, detach: 0, delete: 0, close: 0 };
  for (const c of changes) out[c.action]++;
  return out;
}
