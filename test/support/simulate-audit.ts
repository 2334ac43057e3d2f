import type { ObservedState } from '../../src/model/observed.js';
import { serviceAccessTag, type Ref } from '../../src/model/payloads.js';
import type { KindChange } from '../../src/plan/types.js';
import { SimulatedAwsError } from './simulate-apply.js';

type AuditKind = 'service-access' | 'trail-bucket' | 'organization-trail';

/** The audit kinds as the apply simulator carries them out: trusted access with the root tag Bulkhead keeps. */
export function auditRunners(
  state: ObservedState,
  resolve: (ref: Ref) => string,
): { [K in AuditKind]: (c: KindChange<K>) => string | undefined } {
  const root = () => state.organization[0]!.root;
  return {
    'service-access': ({ payload: p }) => {
      if (p.action === 'create') {
        if (resolve(p.root) !== root().id) throw new Error(`no root ${resolve(p.root)}`);
        root().tags[serviceAccessTag(p.principal)] = 'enabled';
        if (!state['service-access'].some((s) => s.principal === p.principal))
          state['service-access'].push({ principal: p.principal });
        return p.principal;
      }
      state['service-access'] = state['service-access'].filter((s) => s.principal !== p.principal);
      delete root().tags[serviceAccessTag(p.principal)];
      return undefined;
    },
    'trail-bucket': ({ payload: p }) => {
      const accountId = resolve(p.account);
      const bucket = {
        name: p.name,
        accountId,
        region: p.region,
        versioning: 'Enabled',
        encryption: p.encryption,
        publicAccessBlock: true,
        objectLockEnabled: p.objectLock !== undefined,
        ...(p.objectLock ? { objectLock: p.objectLock } : {}),
        ...(p.policy ? { policy: p.policy } : {}),
      };
      state['trail-bucket'] = [...state['trail-bucket'].filter((b) => b.name !== p.name), bucket];
      return p.name;
    },
    'organization-trail': ({ payload: p }) => {
      const enabled = state['service-access'].some((s) => s.principal === 'cloudtrail.amazonaws.com');
      if (!enabled) throw new SimulatedAwsError('CloudTrailAccessNotEnabledException', 'no trusted access');
      if (!state['trail-bucket'].some((b) => b.name === p.bucketName))
        throw new SimulatedAwsError('S3BucketDoesNotExistException', p.bucketName);
      const org = state.organization[0]!;
      const trail = {
        name: p.name,
        arn: `arn:aws:cloudtrail:${org.id}:trail/${p.name}`,
        homeRegion: 'home',
        bucketName: p.bucketName,
        isOrganizationTrail: true,
        isMultiRegionTrail: p.multiRegion,
        includeGlobalServiceEvents: true,
        logFileValidation: true,
        ...(p.kmsKeyArn ? { kmsKeyId: p.kmsKeyArn } : {}),
        isLogging: true,
      };
      state['organization-trail'] = [...state['organization-trail'].filter((t) => t.name !== p.name), trail];
      return p.name;
    },
  };
}
