import { writeFileSync } from 'node:fs';

export interface IdentitySpecOptions {
  /** The inline policy's allowed action of the Developer permission set. */
  inlineAction?: string;
  /** Whether Developers keep read-only access to prod. */
  prodReadOnly?: boolean;
  /** A customer managed policy the Auditor permission set references (absent from every account: FAILED). */
  missingCustomerPolicy?: boolean;
  /** The Developer permission set's AWS managed policies (default PowerUserAccess). */
  developerManaged?: string[];
  /** More dev accounts, so that more than ten assignment operations are outstanding at once. */
  devAccounts?: number;
}

/** A small organization with identity: two groups, three permission sets, a grid over dev, sandbox and prod. */
export function writeIdentitySpec(file: string, o: IdentitySpecOptions = {}): void {
  const devs = Array.from({ length: o.devAccounts ?? 2 }, (_, i) => `acme-dev-${i + 1}`);
  const text = `version: 1
organization:
  name: acme
  managementAccount:
    name: acme-management
    email: aws+management@example.com
  homeRegion: us-east-1
  allowedRegions: [us-east-1]
environments:
  prod:
    kind: production
  dev:
    kind: development
  sandbox-alice:
    kind: sandbox
    owner: alice
accounts:
  - name: acme-prod
    email: aws+prod@example.com
    environment: prod
${devs.map((d) => `  - name: ${d}\n    email: aws+${d}@example.com\n    environment: dev\n`).join('')}  - name: acme-sandbox-alice
    email: aws+sandbox-alice@example.com
    environment: sandbox-alice
identity:
  users:
    - userName: alice
      email: alice@example.com
      displayName: Alice
    - userName: bob
      email: bob@example.com
  groups:
    - name: Developers
      members: [alice, bob]
    - name: Auditors
      members: [bob]
  permissionSets:
    - name: Developer
      managedPolicies: [${(o.developerManaged ?? ['PowerUserAccess']).join(', ')}]
      sessionDuration: PT8H
      inlinePolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ["${o.inlineAction ?? 's3:ListAllMyBuckets'}"]
            Resource: "*"
    - name: ReadOnly
      managedPolicies: [ReadOnlyAccess]
    - name: Auditor
      managedPolicies: [SecurityAudit]
${o.missingCustomerPolicy ? '      customerManagedPolicies:\n        - name: not-in-any-account\n' : ''}  access:
    Developers:
      dev: Developer
      kind:sandbox: { permissionSet: Developer, ownerOnly: true }
${o.prodReadOnly === false ? '' : '      prod: ReadOnly\n'}    Auditors:
      dev: Auditor
`;
  writeFileSync(file, text);
}
