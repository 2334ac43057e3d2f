export { accountAssignmentProvider, ASSIGNMENT_LANE, ASSIGNMENT_OPERATIONS_OUTSTANDING } from './assignment.js';
export { locateInstanceRegion } from './common.js';
export { identityCenterProvider } from './identity-center.js';
export { permissionSetProvider } from './permission-set.js';
export { identityCenterReader } from './reader.js';
export { ssoGroupMembershipProvider, ssoGroupProvider, ssoUserProvider } from './users-groups.js';
