import type { OrgModel } from '../model/organization.js';
import type { ObservedOrg } from '../model/observed.js';
import type { Change, PlanProblem } from './types.js';

/** Shared state of one diff: indexes of what is observed and the changes found so far. */
export class DiffContext {
  readonly changes: Change[] = [];
  readonly problems: PlanProblem[] = [];
  readonly ouByPath = new Map<string, ObservedOrg['organizationalUnits'][number]>();
  readonly ouById = new Map<string, ObservedOrg['organizationalUnits'][number]>();
  readonly accountByEmail = new Map<string, ObservedOrg['accounts'][number]>();
  readonly accountById = new Map<string, ObservedOrg['accounts'][number]>();
  /** Desired OU path → the path it has in AWS now (differs while a rename is pending). */
  readonly observedPathOf = new Map<string, string>();

  constructor(
    readonly desired: OrgModel,
    readonly observed: ObservedOrg,
  ) {
    for (const ou of observed.organizationalUnits) {
      this.ouByPath.set(ou.path, ou);
      this.ouById.set(ou.id, ou);
    }
    for (const a of observed.accounts) {
      this.accountByEmail.set(a.email.toLowerCase(), a);
      this.accountById.set(a.id, a);
    }
  }

  add(change: Change): Change {
    this.changes.push(change);
    return change;
  }

  problem(problem: PlanProblem): void {
    this.problems.push(problem);
  }

  has(id: string): boolean {
    return this.changes.some((c) => c.id === id);
  }

  /** The change ids a change on `id` must wait for, if those changes exist in this plan. */
  ifPlanned(...ids: string[]): string[] {
    return ids.filter((id) => this.has(id));
  }

  /** Where a target key (`root`, `ou:path`, `account:name`) points in AWS now, if it exists. */
  observedTargetId(key: string): string | undefined {
    if (key === 'root') return this.observed.root?.id;
    if (key.startsWith('ou:')) return this.ouByPath.get(this.observedPathOf.get(key.slice(3)) ?? key.slice(3))?.id;
    const account = this.desired.accounts.get(key.slice('account:'.length));
    if (!account) return undefined;
    return (
      (account.id ? this.accountById.get(account.id) : undefined)?.id ??
      this.accountByEmail.get(account.email.toLowerCase())?.id
    );
  }

  /** The target key of an observed id, for comparing attachments. */
  targetKeyOf(id: string): string | undefined {
    if (id === this.observed.root?.id) return 'root';
    const ou = this.ouById.get(id);
    if (ou) {
      for (const [desired, observedPath] of this.observedPathOf) if (observedPath === ou.path) return `ou:${desired}`;
      return `ou:${ou.path}`;
    }
    const account = this.accountById.get(id);
    if (!account) return undefined;
    for (const a of this.desired.accounts.values()) {
      if (a.id === account.id || a.email.toLowerCase() === account.email.toLowerCase()) return `account:${a.name}`;
    }
    return `account-id:${account.id}`;
  }
}
