import { address, type Address } from '../model/kinds.js';
import type { ObservedAccount, ObservedOu, ObservedState } from '../model/observed.js';
import { formatTarget, type OrgModel, type PolicyTarget } from '../model/organization.js';
import type { Ref } from '../model/payloads.js';
import type { Change, PlanNote, PlanProblem } from './types.js';

/** Ids of the changes that create each kind's resources, by natural key (change ids are text). */
export const changeIds = {
  organization: 'organization',
  policyType: 'policy-type:scp',
  ou: (path: string) => `ou:${path}`,
  deleteOu: (path: string) => `delete-ou:${path}`,
  account: (email: string) => `account:${email.toLowerCase()}`,
  policy: (name: string) => `policy:${name}`,
} as const;

/**
 * What every planner of one diff reads: the spec, the observed state with its indexes, and the
 * changes planned so far (planners run in dependency order, so a planner sees its dependencies').
 */
export class PlanContext {
  readonly changes: Change[] = [];
  readonly problems: PlanProblem[] = [];
  readonly notes: PlanNote[] = [];
  readonly ouByPath = new Map<string, ObservedOu>();
  readonly ouById = new Map<string, ObservedOu>();
  readonly accountByEmail = new Map<string, ObservedAccount>();
  readonly accountById = new Map<string, ObservedAccount>();
  /** Desired OU path → the path it has in AWS now (differs while a rename is pending). */
  readonly observedPathOf = new Map<string, string>();
  private readonly ids = new Set<string>();

  constructor(
    readonly desired: OrgModel,
    readonly observed: ObservedState,
  ) {
    for (const ou of observed['organizational-unit']) {
      this.ouByPath.set(ou.path, ou);
      this.ouById.set(ou.id, ou);
    }
    for (const a of observed.account) {
      this.accountByEmail.set(a.email.toLowerCase(), a);
      this.accountById.set(a.id, a);
    }
  }

  get organization() {
    return this.observed.organization[0];
  }

  get rootId(): string | undefined {
    return this.organization?.root.id;
  }

  add<C extends Change>(change: C): C {
    this.changes.push(change);
    this.ids.add(change.id);
    return change;
  }

  problem(problem: PlanProblem): void {
    this.problems.push(problem);
  }

  note(note: PlanNote): void {
    this.notes.push(note);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** The change ids a change must wait for, of those this plan has. */
  ifPlanned(...ids: string[]): string[] {
    return ids.filter((id) => this.has(id));
  }

  /** The root: created by the organization change when there is no organization yet. */
  rootRef(): Ref {
    const rootId = this.rootId;
    return { address: address('organization', this.desired.name), ...(rootId ? { id: rootId } : {}) };
  }

  /** The observed OU a desired path stands for now (following a pending rename). */
  observedOu(path: string): ObservedOu | undefined {
    return this.ouByPath.get(this.observedPathOf.get(path) ?? path);
  }

  ouRef(path: string): Ref {
    const id = this.observedOu(path)?.id;
    return { address: address('organizational-unit', path), ...(id ? { id } : {}) };
  }

  /** The observed account a spec account stands for: by id (adoption), else by email. */
  observedAccount(name: string): ObservedAccount | undefined {
    const a = this.desired.accounts.get(name);
    if (!a) return undefined;
    return (a.id ? this.accountById.get(a.id) : undefined) ?? this.accountByEmail.get(a.email.toLowerCase());
  }

  /** Where a policy target points: a ref for apply and the change that creates it, if planned. */
  targetRef(target: PolicyTarget): { ref: Ref; dependsOn: string[] } {
    switch (target.type) {
      case 'root':
        return { ref: this.rootRef(), dependsOn: [] };
      case 'ou':
        return { ref: this.ouRef(target.path), dependsOn: this.ifPlanned(changeIds.ou(target.path)) };
      case 'account': {
        const email = this.desired.accounts.get(target.name)?.email ?? target.name;
        const id = this.observedAccount(target.name)?.id;
        const ref: Ref = { address: address('account', email), ...(id ? { id } : {}) };
        return { ref, dependsOn: this.ifPlanned(changeIds.account(email)) };
      }
    }
  }

  /** The spec's name for an observed root, OU or account id, as shown in plans (`ou:Workloads`). */
  targetKeyOf(id: string): string | undefined {
    if (id === this.rootId) return formatTarget({ type: 'root' });
    const ou = this.ouById.get(id);
    if (ou) {
      for (const [desired, observedPath] of this.observedPathOf) {
        if (observedPath === ou.path) return formatTarget({ type: 'ou', path: desired });
      }
      return formatTarget({ type: 'ou', path: ou.path });
    }
    const account = this.accountById.get(id);
    if (!account) return undefined;
    for (const a of this.desired.accounts.values()) {
      if (a.id === account.id || a.email.toLowerCase() === account.email.toLowerCase()) {
        return formatTarget({ type: 'account', name: a.name });
      }
    }
    return `account-id:${account.id}`;
  }
}

export type { Address };
