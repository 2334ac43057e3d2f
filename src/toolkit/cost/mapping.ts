import type { OrgModel } from '../../model/organization.js';
import type { CostGroupBy } from './group-by.js';

/** An account as the organization lists it (tags only where they were read). */
export interface LiveAccount {
  id: string;
  name: string;
  email: string;
  tags?: Record<string, string>;
}

/** Where an account's costs go: its environment (and that environment's kind), its team, whether the spec knows it. */
export interface AccountPlace {
  id: string;
  name: string;
  environment: string;
  kind: string;
  team: string;
  managed: boolean;
}

export const UNMANAGED = 'unmanaged';
export const MANAGEMENT = 'management';
export const NO_TEAM = '(no team)';
export const UNTAGGED = '(untagged)';

/**
 * Account id → place. Spec accounts are found by their id in the spec, or through the live organization by email,
 * then name; the management account is `management`; an account the spec does not know is `unmanaged`, never dropped.
 * Without a spec, the live `environment` tag names the environment (kind unknown: `unmanaged`).
 */
export class CostDirectory {
  private readonly places = new Map<string, AccountPlace>();

  constructor(
    private readonly model: OrgModel | undefined,
    live: readonly LiveAccount[],
    private readonly managementId: string | undefined,
  ) {
    const specAccounts = [...(model?.accounts.values() ?? [])];
    const byId = new Map(specAccounts.filter((a) => a.id).map((a) => [a.id!, a]));
    const byEmail = new Map(specAccounts.map((a) => [a.email.toLowerCase(), a]));
    const byName = new Map(specAccounts.map((a) => [a.name, a]));
    const mgmt = model?.managementAccount;
    for (const a of live) {
      const isManagement =
        a.id === managementId ||
        (mgmt !== undefined && (a.id === mgmt.id || a.email.toLowerCase() === mgmt.email.toLowerCase()));
      const spec = byId.get(a.id) ?? byEmail.get(a.email.toLowerCase()) ?? byName.get(a.name);
      if (isManagement) this.places.set(a.id, this.managementPlace(a.id, mgmt?.name ?? a.name, a.tags));
      else if (spec) this.places.set(a.id, this.specPlace(a.id, spec.name, spec.environment, spec.tags, a.tags));
      else this.places.set(a.id, this.unknownPlace(a.id, a.name, a.tags));
    }
    // Spec accounts with an id the live organization did not list (no management credentials, or one that left).
    for (const [id, spec] of byId)
      if (!this.places.has(id)) this.places.set(id, this.specPlace(id, spec.name, spec.environment, spec.tags));
    if (mgmt?.id && !this.places.has(mgmt.id)) this.places.set(mgmt.id, this.managementPlace(mgmt.id, mgmt.name));
  }

  private specPlace(
    id: string,
    name: string,
    environment: string,
    tags: Record<string, string>,
    liveTags?: Record<string, string>,
  ): AccountPlace {
    const env = this.model?.environments.get(environment);
    const team = tags['team'] ?? env?.tags['team'] ?? liveTags?.['team'] ?? NO_TEAM;
    return { id, name, environment, kind: env?.kind ?? UNMANAGED, team, managed: true };
  }

  private managementPlace(id: string, name: string, liveTags?: Record<string, string>): AccountPlace {
    return { id, name, environment: MANAGEMENT, kind: MANAGEMENT, team: liveTags?.['team'] ?? NO_TEAM, managed: true };
  }

  private unknownPlace(id: string, name: string, tags?: Record<string, string>): AccountPlace {
    const tagged = this.model === undefined ? tags?.['environment'] : undefined;
    return {
      id,
      name,
      environment: tagged ?? UNMANAGED,
      kind: UNMANAGED,
      team: tags?.['team'] ?? (this.model === undefined ? NO_TEAM : UNMANAGED),
      managed: this.model === undefined && tagged !== undefined,
    };
  }

  /** The place of an account id Cost Explorer reports (one not in the organization: unmanaged, under its CE name). */
  place(id: string, ceName?: string): AccountPlace {
    const known = this.places.get(id);
    if (known) return known;
    const made =
      id === this.managementId ? this.managementPlace(id, ceName ?? id) : this.unknownPlace(id, ceName ?? id);
    this.places.set(id, made);
    return made;
  }

  /** The group an account's costs go to for a grouping by account attributes. */
  groupOf(by: CostGroupBy, id: string, ceName?: string): string {
    const p = this.place(id, ceName);
    switch (by.kind) {
      case 'environment':
        return p.environment;
      case 'kind':
        return p.kind;
      case 'team':
        return p.team;
      default:
        return p.id;
    }
  }
}

/** Which live accounts need their tags read: those the spec cannot place (all of them without a spec). */
export function needsTags(model: OrgModel | undefined, by: CostGroupBy): (a: LiveAccount) => boolean {
  if (model === undefined) return () => by.kind !== 'service' && by.kind !== 'tag';
  const ids = new Set([...model.accounts.values()].flatMap((a) => (a.id ? [a.id] : [])));
  const emails = new Set([...model.accounts.values()].map((a) => a.email.toLowerCase()));
  const names = new Set(model.accounts.keys());
  return (a) => by.kind === 'team' && !(ids.has(a.id) || emails.has(a.email.toLowerCase()) || names.has(a.name));
}
