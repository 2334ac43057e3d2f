import type { ObservedOrg } from '../../model/observed.js';

/** Ids of what exists, by natural key; apply fills it in as it creates things. */
export class IdIndex {
  rootId: string | undefined;
  readonly ouByPath = new Map<string, string>();
  readonly accountByEmail = new Map<string, string>();
  readonly accountByName = new Map<string, string>();
  readonly policyByName = new Map<string, string>();

  constructor(observed: ObservedOrg, accountsByName: Map<string, { email: string }>) {
    this.rootId = observed.root?.id;
    for (const ou of observed.organizationalUnits) this.ouByPath.set(ou.path, ou.id);
    for (const a of observed.accounts) this.accountByEmail.set(a.email.toLowerCase(), a.id);
    for (const [name, a] of accountsByName) {
      const id = this.accountByEmail.get(a.email.toLowerCase());
      if (id) this.accountByName.set(name, id);
    }
    for (const p of observed.policies) this.policyByName.set(p.name, p.id);
  }

  parentId(ouPath: string | null): string {
    const id = ouPath === null ? this.rootId : this.ouByPath.get(ouPath);
    if (!id) throw new Error(`no id known for ${ouPath ?? 'the root'}`);
    return id;
  }

  targetId(key: string): string {
    const id =
      key === 'root'
        ? this.rootId
        : key.startsWith('ou:')
          ? this.ouByPath.get(key.slice(3))
          : this.accountByName.get(key.slice(8));
    if (!id) throw new Error(`no id known for target ${key}`);
    return id;
  }

  /** After a rename, the OU and everything below it answer to the new path. */
  renameOu(oldPath: string, newPath: string): void {
    for (const [path, id] of [...this.ouByPath]) {
      if (path === oldPath || path.startsWith(`${oldPath}/`)) {
        this.ouByPath.delete(path);
        this.ouByPath.set(newPath + path.slice(oldPath.length), id);
      }
    }
  }
}
