/**
 * Per policy type rules, from the AWS Organizations quotas page ("Maximum and minimum values"):
 * attachments per target, document size, and the AWS managed policy attached by default.
 */
export interface PolicyTypeRules {
  maxAttachmentsPerTarget: number;
  maxContentChars: number;
  /** SCPs and RCPs: the AWS managed policy every root, OU and account carries while the type is enabled; a target must keep at least one. */
  defaultPolicyId?: string;
}

export const POLICY_TYPES: Readonly<Record<string, PolicyTypeRules>> = {
  SERVICE_CONTROL_POLICY: { maxAttachmentsPerTarget: 5, maxContentChars: 5120, defaultPolicyId: 'p-FullAWSAccess' },
  RESOURCE_CONTROL_POLICY: { maxAttachmentsPerTarget: 5, maxContentChars: 5120, defaultPolicyId: 'p-RCPFullAWSAccess' },
  TAG_POLICY: { maxAttachmentsPerTarget: 10, maxContentChars: 10_000 },
  BACKUP_POLICY: { maxAttachmentsPerTarget: 10, maxContentChars: 10_000 },
  AISERVICES_OPT_OUT_POLICY: { maxAttachmentsPerTarget: 5, maxContentChars: 2500 },
  CHATBOT_POLICY: { maxAttachmentsPerTarget: 5, maxContentChars: 10_000 },
  DECLARATIVE_POLICY_EC2: { maxAttachmentsPerTarget: 10, maxContentChars: 10_000 },
  SECURITYHUB_POLICY: { maxAttachmentsPerTarget: 10, maxContentChars: 10_000 },
  // Newer types: the quotas page gives no specific figures we rely on; the common 10 / 10,000 apply.
  INSPECTOR_POLICY: { maxAttachmentsPerTarget: 10, maxContentChars: 10_000 },
  UPGRADE_ROLLOUT_POLICY: { maxAttachmentsPerTarget: 10, maxContentChars: 10_000 },
  BEDROCK_POLICY: { maxAttachmentsPerTarget: 10, maxContentChars: 10_000 },
  S3_POLICY: { maxAttachmentsPerTarget: 10, maxContentChars: 10_000 },
  NETWORK_SECURITY_DIRECTOR_POLICY: { maxAttachmentsPerTarget: 10, maxContentChars: 10_000 },
};

export const POLICY_TYPE_NAMES = Object.keys(POLICY_TYPES);

export const FULL_AWS_ACCESS_CONTENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
export const RCP_FULL_AWS_ACCESS_CONTENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
});
