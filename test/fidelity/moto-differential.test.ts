import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliberateDifference, Outcome, Step } from '../support/fidelity/differential.js';
import { describeOutcome, outcomeDifferences } from '../support/fidelity/differential.js';
import { KNOWN_DIVERGENCES } from '../support/fidelity/known-divergences.js';
import { runDifferentialScenario } from '../support/fidelity/differential-scenario.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import type { MotoServer } from '../support/fidelity/moto-server.js';
import { startMoto } from '../support/fidelity/moto-server.js';

/*
 * The same SDK call sequence against moto (written by others, widely used as a stand-in for AWS)
 * and against the local cloud. Response shapes and error codes must agree, except where moto is
 * known to differ from AWS: those cases are listed below with the AWS documentation that decides.
 */

const ORG_API = 'https://docs.aws.amazon.com/organizations/latest/APIReference';

/** Where moto departs from AWS and the local cloud follows AWS; each entry skips exactly one aspect of one step. */
const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  {
    label: 'duplicate OU',
    aspect: 'outcome',
    moto: 'creates a second OU with the same name under the same parent',
    aws: 'DuplicateOrganizationalUnitException',
    doc: `${ORG_API}/API_CreateOrganizationalUnit.html`,
  },
  {
    label: 'OU name too long',
    aspect: 'outcome',
    moto: 'accepts a 129-character name',
    aws: 'InvalidInputException/MAX_LENGTH_EXCEEDED',
    doc: `${ORG_API}/API_CreateOrganizationalUnit.html (Name: maximum length 128)`,
  },
  {
    label: 'OU under an unknown parent',
    aspect: 'outcome',
    moto: 'creates the OU under a parent that does not exist',
    aws: 'ParentNotFoundException',
    doc: `${ORG_API}/API_CreateOrganizationalUnit.html`,
  },
  {
    label: 'create account',
    aspect: 'shape CreateAccountStatus.AccountId',
    moto: 'completes at once: SUCCEEDED with AccountId',
    aws: 'absent: the request is IN_PROGRESS; poll DescribeCreateAccountStatus',
    doc: `${ORG_API}/API_CreateAccount.html`,
  },
  {
    label: 'create account',
    aspect: 'shape CreateAccountStatus.CompletedTimestamp',
    moto: 'completes at once',
    aws: 'absent while IN_PROGRESS',
    doc: `${ORG_API}/API_CreateAccountStatus.html`,
  },
  {
    label: 'create account with a bad email',
    aspect: 'outcome',
    moto: 'accepts "not-an-email"',
    aws: 'InvalidInputException/INVALID_PATTERN',
    doc: `${ORG_API}/API_CreateAccount.html (Email pattern) and ${ORG_API}/API_InvalidInputException.html`,
  },
  {
    label: 'move account to an unknown parent',
    aspect: 'outcome',
    moto: 'ParentNotFoundException, which MoveAccount does not return',
    aws: 'DestinationParentNotFoundException',
    doc: `${ORG_API}/API_MoveAccount.html`,
  },
  {
    label: 'delete non-empty OU',
    aspect: 'outcome',
    moto: 'deletes an OU that has a child OU',
    aws: 'OrganizationalUnitNotEmptyException',
    doc: `${ORG_API}/API_DeleteOrganizationalUnit.html`,
  },
  {
    label: 'attach SCP twice',
    aspect: 'outcome',
    moto: 'accepts the second attachment silently',
    aws: 'DuplicatePolicyAttachmentException',
    doc: `${ORG_API}/API_AttachPolicy.html`,
  },
  {
    label: 'detach the last SCP',
    aspect: 'outcome',
    moto: 'detaches FullAWSAccess, leaving the OU with no SCP',
    aws: 'ConstraintViolationException/MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    doc: `${ORG_API}/API_DetachPolicy.html and ${ORG_API}/API_ConstraintViolationException.html`,
  },
  {
    label: 'attach a policy whose type is not enabled',
    aspect: 'outcome',
    moto: 'attaches a TAG_POLICY although the root has only SCPs enabled',
    aws: 'PolicyTypeNotEnabledException',
    doc: `${ORG_API}/API_AttachPolicy.html`,
  },
  ...['list policies for target', 'list policies'].map((label) => ({
    label,
    aspect: 'value Policies[].Arn',
    moto: 'FullAWSAccess as a policy of the organization: arn:aws:organizations::<account>:policy/<org>/service_control_policy/p-FullAWSAccess',
    aws: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
    doc: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html (AWS managed policy ARN: arn:${Partition}:organizations::aws:policy/${PolicyType}/${PolicyId})',
  })),
  {
    label: 'caller identity',
    aspect: 'value Arn',
    moto: 'answers any key as the made-up IAM user arn:aws:sts::<account>:user/moto',
    aws: 'arn:aws:iam::<account>:root',
    doc: "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html (the local cloud's admin key belongs to the management account's root user)",
  },
  {
    label: 'caller identity',
    aspect: 'value UserId',
    moto: 'the access key id',
    aws: '<account>',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable (aws:userid of the root user is the account id)',
  },
  {
    label: 'create IAM policy',
    aspect: 'value Policy.PolicyId',
    moto: 'a random 21-character id without a type prefix',
    aws: '<ANPA>',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids (ANPA: managed policy)',
  },
  {
    label: 'assume the access role',
    aspect: 'shape PackedPolicySize',
    moto: 'always returns PackedPolicySize',
    aws: 'absent: it measures session policies and tags passed in the request, and none are',
    doc: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html',
  },
  {
    label: 'create IAM policy',
    aspect: 'shape Policy.PermissionsBoundaryUsageCount',
    moto: 'omits PermissionsBoundaryUsageCount',
    aws: 'present: a member of the Policy type that CreatePolicy returns',
    doc: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_Policy.html',
  },
];

/** Where the local cloud departs from AWS (our bugs, asserted with it.fails in known-divergences.test.ts). */
const SKIPPED_KNOWN_DIVERGENCES: readonly DeliberateDifference[] = KNOWN_DIVERGENCES.flatMap((k) => k.differential);

/** Differences between moto's and our outcome for one step, minus the deliberate ones. */
const differences = (label: string, moto: Outcome, ours: Outcome): string[] =>
  outcomeDifferences(label, moto, ours, [...DELIBERATE_DIFFERENCES, ...SKIPPED_KNOWN_DIVERGENCES]);

let moto: MotoServer | undefined;
let fc: FidelityCloud | undefined;
let motoSteps: Step[] = [];
let ourSteps: Step[] = [];

beforeAll(async () => {
  try {
    [moto, fc] = await Promise.all([startMoto(), startFidelityCloud({ timeScale: 0.02 })]);
    const m = moto;
    const c = fc.cloud;
    [motoSteps, ourSteps] = await Promise.all([
      runDifferentialScenario({ endpoint: m.endpoint, region: 'us-east-1', credentials: m.credentials }),
      runDifferentialScenario({ endpoint: c.endpoint, region: c.region, credentials: c.credentials }),
    ]);
  } catch (err) {
    await Promise.allSettled([moto?.stop(), fc?.stop()]);
    throw err;
  }
});

afterAll(async () => {
  await Promise.allSettled([moto?.stop(), fc?.stop()]);
});

describe('moto and the local cloud', () => {
  it('ran the same steps', () => {
    expect(ourSteps.length).toBeGreaterThan(40);
    expect(ourSteps.map((s) => s.label)).toEqual(motoSteps.map((s) => s.label));
  });

  it('agree on response shapes and error codes, except for the deliberate differences', () => {
    const diffs = ourSteps.flatMap((ours, i) => {
      const m = motoSteps[i];
      return m === undefined ? [`${ours.label}: missing from moto`] : differences(ours.label, m.outcome, ours.outcome);
    });
    expect(diffs).toEqual([]);
  });

  it.each(DELIBERATE_DIFFERENCES.map((d) => [`${d.label} (${d.aspect})`, d] as const))(
    'deliberate difference still holds: %s',
    (_name, d) => {
      const ours = ourSteps.find((s) => s.label === d.label)?.outcome;
      const theirs = motoSteps.find((s) => s.label === d.label)?.outcome;
      expect(ours, `no step labelled ${d.label}`).toBeDefined();
      expect(theirs).toBeDefined();
      if (ours === undefined || theirs === undefined) return;
      if (d.aspect === 'outcome') {
        expect(describeOutcome(ours), 'the local cloud must do what AWS documents').toBe(d.aws);
        expect(describeOutcome(theirs), 'moto no longer differs: remove the entry').not.toBe(d.aws);
        return;
      }
      const path = d.aspect.slice(6);
      if (d.aspect.startsWith('value ')) {
        const value = (o: Outcome) =>
          o.ok ? o.shape.filter((p) => p.startsWith(`${path}=`)).map((p) => p.slice(path.length + 1)) : [];
        expect(value(ours), 'the local cloud must do what AWS documents').toContain(d.aws);
        expect(value(theirs), 'moto no longer differs: remove the entry').not.toContain(d.aws);
        return;
      }
      const has = (o: Outcome) => o.ok && o.shape.some((p) => p.replace(/(:[a-z]+|=.*)$/, '') === path);
      expect(has(ours), 'the local cloud must do what AWS documents').toBe(d.aws.startsWith('present'));
      expect(has(theirs), 'moto no longer differs: remove the entry').toBe(!d.aws.startsWith('present'));
    },
  );
});
