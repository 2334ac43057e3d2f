import { UsageError } from '../../core/errors.js';
import type { OrgModel } from '../../model/organization.js';

/** Account names and ids, from the spec and (with management credentials) the live organization. */
export class AccountDirectory {
  private readonly nameOf = new Map<string, string>();
  private readonly idOf = new Map<string, string>();

  constructor(model: OrgModel | undefined, live: readonly { id: string; name: string; email: string }[]) {
    const specByEmail = new Map([...(model?.accounts.values() ?? [])].map((a) => [a.email.toLowerCase(), a.name]));
    for (const a of live) {
      const name = specByEmail.get(a.email.toLowerCase()) ?? a.name;
      this.add(a.id, name);
      if (a.name && a.name !== name) this.idOf.set(a.name.toLowerCase(), a.id);
    }
    for (const a of model?.accounts.values() ?? []) if (a.id) this.add(a.id, a.name);
    const mgmt = model?.managementAccount;
    if (mgmt?.id) this.add(mgmt.id, mgmt.name);
  }

  private add(id: string, name: string): void {
    if (!this.nameOf.has(id)) this.nameOf.set(id, name);
    if (!this.idOf.has(name.toLowerCase())) this.idOf.set(name.toLowerCase(), id);
  }

  name(id: string): string | null {
    return this.nameOf.get(id) ?? null;
  }

  id(name: string): string | undefined {
    return this.idOf.get(name.toLowerCase());
  }

  /** `--account`: a 12-digit id as is, else a name from the spec or the organization. */
  resolve(text: string): string {
    if (/^\d{12}$/.test(text)) return text;
    const id = this.id(text);
    if (id !== undefined) return id;
    const known = [...new Set(this.nameOf.values())].sort();
    throw new UsageError(
      `--account "${text}" is neither a 12-digit account id nor an account name Bulkhead knows`,
      known.length > 0
        ? `use one of ${known.join(', ')}, or the account id`
        : 'give the account id: names come from the spec (--file) or, with management-account credentials, from the organization',
    );
  }
}
