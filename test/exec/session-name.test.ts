import { describe, expect, it } from 'vitest';
import { sessionNameOf } from '../../src/toolkit/exec/stage-credentials.js';

/* The role session exec assumes into an account is named for who ran it, so CloudTrail shows it. */
describe('the session name of an assumed role', () => {
  it.each([
    ['arn:aws:iam::111111111111:root', 'bulkhead-root'],
    ['arn:aws:iam::111111111111:user/ops/ci-deployer', 'bulkhead-ci-deployer'],
    ['arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice', 'bulkhead-alice'],
    ['arn:aws:sts::111111111111:assumed-role/GitHubDeploy/run:42', 'bulkhead-run-42'],
  ])('%s → %s', (arn, name) => {
    expect(sessionNameOf(arn)).toBe(name);
  });

  it('stays within the 64 characters AWS allows', () => {
    expect(sessionNameOf(`arn:aws:iam::111111111111:user/${'x'.repeat(80)}`)).toHaveLength(64);
  });
});
