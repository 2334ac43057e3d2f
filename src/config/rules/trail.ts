import { stringify } from 'yaml';
import { defaultBucketName, logArchiveAccounts, trailSource } from '../trail.js';
import type { RuleContext } from './context.js';
import { referenceHint } from './names.js';
import { bucketNameProblem, isKmsKeyArn, trailNameProblem } from './trail-names.js';

/**
 * The organization trail (`audit.trail`, or `organization.trail` with W-TRAIL-MOVED): its name, the bucket's
 * account (the log-archive one), the bucket name, the KMS key.
 */
export function checkTrail(ctx: RuleContext): void {
  const source = trailSource(ctx.spec);
  if (source === undefined) return;
  const { trail, path } = source;
  if (ctx.spec.audit?.trail && ctx.spec.organization.trail) {
    ctx.error(
      'E-TRAIL-TWO-HOMES',
      ['organization', 'trail'],
      'the trail is set both under audit.trail and under organization.trail',
      { hint: 'remove organization.trail: audit.trail is its home now', atKey: true },
    );
  } else if (source.moved) {
    const snippet = stringify({ audit: { trail } }, { collectionStyle: 'flow' }).trimEnd();
    ctx.warn('W-TRAIL-MOVED', path, 'organization.trail has moved to audit.trail', {
      hint: `move it to the top level as \`${snippet}\` (it works unchanged until then)`,
      atKey: true,
    });
  }
  const nameProblem = trailNameProblem(trail.name);
  if (nameProblem) {
    ctx.error('E-TRAIL-NAME', [...path, 'name'], `trail name "${trail.name}" ${nameProblem}`, {
      hint: 'e.g. org-trail',
    });
  }
  const logArchive = logArchiveAccounts(ctx.spec);
  const accounts = ctx.spec.accounts ?? [];
  const envs = ctx.spec.environments ?? {};
  if (trail.bucketAccount === undefined) {
    if (logArchive.length === 0) {
      ctx.error(
        'E-TRAIL-NO-LOG-ARCHIVE',
        path,
        'the organization trail needs a log-archive account to hold its bucket, and the spec has none',
        {
          hint: 'add an environment of kind log-archive and an account in it (environments: { log-archive: { kind: log-archive } }), or name the account with bucketAccount',
          atKey: true,
        },
      );
    } else if (logArchive.length > 1) {
      ctx.error(
        'E-TRAIL-BUCKET-ACCOUNT',
        path,
        `several accounts are of kind log-archive (${logArchive.join(', ')}): which one holds the trail bucket?`,
        { hint: `set bucketAccount: ${logArchive[0]}`, atKey: true },
      );
    }
  } else {
    const named = accounts.find((a) => a.name === trail.bucketAccount);
    const at = [...path, 'bucketAccount'];
    if (named === undefined) {
      if (!ctx.isDropped('accounts', trail.bucketAccount)) {
        ctx.error(
          'E-TRAIL-BUCKET-ACCOUNT',
          at,
          `the trail's bucket account "${trail.bucketAccount}" is not defined under accounts`,
          {
            hint: referenceHint(
              trail.bucketAccount,
              logArchive.length > 0 ? logArchive : accounts.map((a) => a.name),
              'accounts',
            ),
          },
        );
      }
    } else if (envs[named.environment]?.kind !== 'log-archive' && envs[named.environment] !== undefined) {
      ctx.error(
        'E-TRAIL-BUCKET-ACCOUNT',
        at,
        `the trail's bucket account "${named.name}" is in environment "${named.environment}" of kind ${envs[named.environment]!.kind}; the logs belong in the log-archive account`,
        {
          hint:
            logArchive.length > 0
              ? `use bucketAccount: ${logArchive[0]}, or leave bucketAccount out`
              : 'put the account in an environment of kind log-archive',
        },
      );
    }
  }
  const org = ctx.spec.organization;
  const bucketName = trail.bucketName ?? defaultBucketName(org.name, org.homeRegion);
  const bucketProblem = bucketNameProblem(bucketName);
  if (bucketProblem) {
    const given = trail.bucketName !== undefined;
    ctx.error(
      'E-TRAIL-BUCKET-NAME',
      given ? [...path, 'bucketName'] : path,
      `${given ? '' : 'the default '}bucket name "${bucketName}" ${bucketProblem}`,
      {
        hint: 'e.g. bucketName: acme-org-trail-logs (S3 bucket names are global: add something of your own)',
        atKey: !given,
      },
    );
  }
  if (trail.kmsKeyArn !== undefined && !isKmsKeyArn(trail.kmsKeyArn)) {
    ctx.error('E-TRAIL-KMS-KEY', [...path, 'kmsKeyArn'], `"${trail.kmsKeyArn}" is not a KMS key or alias ARN`, {
      hint: `e.g. arn:aws:kms:${org.homeRegion}:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    });
  } else if (trail.kmsKeyArn !== undefined && trail.kmsKeyArn.split(':')[3] !== org.homeRegion) {
    // S3 and CloudTrail both need the key in the bucket's region, which is the home region.
    ctx.error(
      'E-TRAIL-KMS-KEY',
      [...path, 'kmsKeyArn'],
      `the KMS key is in ${trail.kmsKeyArn.split(':')[3]}, but the trail bucket is in the home region ${org.homeRegion}`,
      { hint: `use a key (or a multi-Region replica) in ${org.homeRegion}` },
    );
  }
}
