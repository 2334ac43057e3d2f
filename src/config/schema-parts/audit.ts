import { z } from 'zod';

// `audit:` in org.yaml: the organization trail and the security services. Cross-references (which account holds the
// bucket, which is the delegated administrator) are checked by the rules in ../rules/.

export const auditTrail = z.strictObject({
  name: z
    .string()
    .min(1)
    .describe('Name of the organization-wide CloudTrail trail (3–128 letters, digits, periods, underscores, dashes).'),
  bucketAccount: z
    .string()
    .optional()
    .describe('Account (by name) that holds the trail bucket; defaults to the log-archive account.'),
  bucketName: z
    .string()
    .optional()
    .describe(
      'Name of the S3 bucket for the log files; defaults to <organization name>-org-trail-<home region>, lower-cased.',
    ),
  multiRegion: z.boolean().optional().describe('Log every region (default true).'),
  objectLock: z
    .strictObject({
      mode: z.enum(['GOVERNANCE', 'COMPLIANCE']),
      days: z.number().int().positive().describe('Default retention of each log file, in days.'),
    })
    .optional()
    .describe('Object lock on the bucket, so log files cannot be deleted or overwritten before the retention ends.'),
  kmsKeyArn: z
    .string()
    .optional()
    .describe('A KMS key or alias ARN to encrypt the log files and the bucket with (SSE-KMS), instead of SSE-S3.'),
  protect: z
    .boolean()
    .optional()
    .describe('Attach the protect-cloudtrail guardrail to the root, so no member account can stop it (default true).'),
});

export const auditSecurity = z.strictObject({
  adminAccount: z
    .string()
    .optional()
    .describe('The delegated administrator account (by name); defaults to the account of kind security.'),
  services: z
    .array(z.enum(['guardduty', 'config', 'securityhub']))
    .optional()
    .describe('The security services run from the admin account for the whole organization (default all).'),
  autoEnable: z.boolean().optional().describe('Turn the services on in accounts that join later (default true).'),
  aggregatorName: z.string().min(1).optional().describe("Name of Config's organization aggregator."),
});

export const audit = z.strictObject({
  trail: auditTrail.optional(),
  security: auditSecurity.optional(),
});

export type AuditSpec = z.infer<typeof audit>;
