// Adds an `identity:` part to a generated org (bench/generate-org.js) for the Identity Center
// benchmarks: GROUPS groups, PERMISSION_SETS permission sets, USERS users, and an access grid whose
// expansion over the generated accounts gives about 20 assignments per account (20,000 for 1,000).
// Even groups hold a cell for development and staging environments, odd groups one for production.

const MANAGED = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'ViewOnlyAccess',
  'SecurityAudit',
  'Billing',
  'DatabaseAdministrator',
  'NetworkAdministrator',
  'SystemAdministrator',
  'SupportUser',
];

export function addIdentity(spec, { groups = 40, permissionSets = 10, users = 200 } = {}) {
  const pad = (n, w) => String(n).padStart(w, '0');
  const sets = Array.from({ length: permissionSets }, (_, i) => ({
    name: `ps-${pad(i, 2)}`,
    description: `Benchmark permission set ${i}`,
    managedPolicies: [MANAGED[i % MANAGED.length]],
    sessionDuration: i % 2 === 0 ? 'PT4H' : 'PT1H',
  }));
  const userList = Array.from({ length: users }, (_, i) => ({
    userName: `user${pad(i, 4)}`,
    email: `user${pad(i, 4)}@example.com`,
    displayName: `User ${i}`,
  }));
  const groupList = Array.from({ length: groups }, (_, g) => ({
    name: `group-${pad(g, 2)}`,
    members: userList.filter((_, u) => u % groups === g || (u * 7) % groups === g).map((u) => u.userName),
  }));
  const access = {};
  for (let g = 0; g < groups; g++) {
    const ps = (k) => sets[(g + k) % permissionSets].name;
    access[`group-${pad(g, 2)}`] =
      g % 2 === 0 ? { 'kind:development': ps(0), 'kind:staging': ps(3) } : { 'kind:production': ps(5) };
  }
  return { ...spec, identity: { users: userList, groups: groupList, permissionSets: sets, access } };
}
