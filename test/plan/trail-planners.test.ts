import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { stateOfTree, type ObservedState } from '../../src/model/observed.js';
import { serviceAccessTag } from '../../src/model/payloads.js';
import { diff } from '../../src/plan/diff.js';
import { auditAfterApplying, identityAfterApplying, observedAfterApplying } from '../support/simulate-observed.js';

// Drift of what the trail needs, from the state right after a clean apply of the case's spec.
const SPEC = join(import.meta.dirname, '..', 'cases', 'plan', 'organization-trail-no-changes', 'org.yaml');
const WITHOUT_TRAIL = join(import.meta.dirname, '..', 'cases', 'plan', 'remove-organization-trail', 'org.yaml');

async function applied(file = SPEC) {
  const model = (await validateSpecFile(file)).model!;
  const tree = observedAfterApplying(model);
  const state: ObservedState = {
    ...stateOfTree(tree),
    ...identityAfterApplying(model, tree),
    ...auditAfterApplying(model, tree),
  };
  return { model, state };
}

const lines = (r: ReturnType<typeof diff>) =>
  r.changes.map((c) => `${c.action} ${c.kind} ${c.properties.map((p) => p.name).join(',')}`);

describe('trail drift', () => {
  it('puts the bucket settings back when someone changed them', async () => {
    const { model, state } = await applied();
    const bucket = state['trail-bucket'][0]!;
    Object.assign(bucket, { versioning: 'Suspended', publicAccessBlock: false, encryption: undefined });
    bucket.policy = '{"Version":"2012-10-17","Statement":[]}';
    const r = diff(model, state);
    expect(lines(r)).toEqual(['update trail-bucket versioning,encryption,public access block,policy']);
    const payload = r.changes[0]!.payload as { policy: string; account: { id?: string } };
    expect(JSON.parse(payload.policy).Statement[1].Resource).toBe(
      'arn:aws:s3:::acme-org-trail-eu-west-1/AWSLogs/111111111111/*',
    );
    expect(payload.account.id).toBe(bucket.accountId);
  });

  it('a policy with other whitespace and key order is no drift', async () => {
    const { model, state } = await applied();
    const bucket = state['trail-bucket'][0]!;
    bucket.policy = JSON.stringify(JSON.parse(bucket.policy!), null, 2);
    expect(diff(model, state).changes).toEqual([]);
  });

  it('updates a trail that is no longer an organization-wide, multi-region, validated trail, and waits for nothing', async () => {
    const { model, state } = await applied();
    Object.assign(state['organization-trail'][0]!, {
      isOrganizationTrail: false,
      isMultiRegionTrail: false,
      logFileValidation: false,
    });
    const r = diff(model, state);
    expect(lines(r)).toEqual(['update organization-trail organization trail,multi-region,log file validation']);
    expect(r.changes[0]!.payload).toMatchObject({ updateTrail: true, startLogging: false });
    expect(r.changes[0]!.dependsOn).toEqual([]);
  });

  it('only starts logging when logging is all that is off', async () => {
    const { model, state } = await applied();
    state['organization-trail'][0]!.isLogging = false;
    const r = diff(model, state);
    expect(r.changes[0]!.payload).toMatchObject({ updateTrail: false, startLogging: true });
  });

  it('creates the trail after trusted access and the bucket when neither is there', async () => {
    const { model, state } = await applied();
    state['service-access'] = [];
    state['trail-bucket'] = [];
    state['organization-trail'] = [];
    const r = diff(model, state);
    const trail = r.changes.find((c) => c.kind === 'organization-trail')!;
    expect(trail.dependsOn.sort()).toEqual(['service-access:cloudtrail.amazonaws.com', 'trail-bucket']);
  });

  it('refuses a bucket of that name that another account owns', async () => {
    const { model, state } = await applied();
    state['trail-bucket'][0]!.accountId = '999999999999';
    const r = diff(model, state);
    expect(r.problems.map((p) => p.code)).toEqual(['P-TRAIL-BUCKET-ACCOUNT']);
  });
});

describe('trusted access Bulkhead did not enable', () => {
  it('is left on when the spec no longer needs it (no root tag)', async () => {
    const { state } = await applied();
    delete state.organization[0]!.root.tags[serviceAccessTag('cloudtrail.amazonaws.com')];
    state['service-access'].push({ principal: 'sso.amazonaws.com' });
    const model = (await validateSpecFile(WITHOUT_TRAIL)).model!;
    expect(diff(model, state).changes.filter((c) => c.kind === 'service-access')).toEqual([]);
  });

  it('stays enabled, with a note, when the spec drops the trail: the trail Bulkhead leaves in place relies on it', async () => {
    const { state } = await applied();
    const model = (await validateSpecFile(WITHOUT_TRAIL)).model!;
    const { changes, notes } = diff(model, state);
    expect(changes.filter((c) => c.kind === 'service-access')).toEqual([]);
    expect(notes.filter((n) => n.code === 'N-SERVICE-ACCESS-IN-USE').map((n) => n.key)).toEqual([
      'cloudtrail.amazonaws.com',
    ]);
  });

  it('is never disabled for CloudTrail, even with no trail observed: Bulkhead cannot tell who else relies on it', async () => {
    const { state } = await applied();
    state['organization-trail'] = [];
    const model = (await validateSpecFile(WITHOUT_TRAIL)).model!;
    expect(diff(model, state).changes.filter((c) => c.kind === 'service-access')).toEqual([]);
  });
});
