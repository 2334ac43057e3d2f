/*
 * Identifier formats of IAM Identity Center, from the botocore models (sso-admin 2020-07-20,
 * identitystore 2020-06-15) and the API references: InstanceArn, PermissionSetArn, IdentityStoreId,
 * the identity store's resource ids and the request ids of asynchronous operations.
 */
export const INSTANCE_ARN = /^arn:aws:sso:::instance\/ssoins-[a-f0-9]{16}$/;
export const PERMISSION_SET_ARN = /^arn:aws:sso:::permissionSet\/ssoins-[a-f0-9]{16}\/ps-[a-f0-9]{16}$/;
export const IDENTITY_STORE_ID = /^d-[0-9a-f]{10}$/;
/** UserId, GroupId, MembershipId: a UUID, optionally prefixed by 10 hex digits and a dash. */
export const RESOURCE_ID =
  /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
/** RequestId of CreateAccountAssignment, DeleteAccountAssignment and ProvisionPermissionSet. */
export const REQUEST_ID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
/** The role an assignment provisions in the account (IAM User Guide, "Roles created by IAM Identity Center"). */
export const RESERVED_ROLE = (permissionSet: string) => new RegExp(`^AWSReservedSSO_${permissionSet}_[0-9a-f]{16}$`);
export const RESERVED_ROLE_PATH_PREFIX = '/aws-reserved/sso.amazonaws.com/';
