// Writes a large, valid org.yaml: N accounts spread over business-unit OUs, for benchmarks.
// Usage: node bench/generate-org.js ACCOUNTS OUT_FILE
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export function generateOrg(accounts, { businessUnits = 40 } = {}) {
  const environments = {};
  const ous = [];
  const accountList = [];
  const perUnit = Math.ceil(accounts / businessUnits);
  for (let u = 0; u < businessUnits; u++) {
    const unit = `bu${String(u).padStart(2, '0')}`;
    const prod = [];
    const nonProd = [];
    for (let i = 0; i < perUnit && accountList.length < accounts; i++) {
      const env = `${unit}-${i % 3 === 0 ? 'prod' : i % 3 === 1 ? 'qa' : 'dev'}-${i}`;
      environments[env] = { kind: i % 3 === 0 ? 'production' : i % 3 === 1 ? 'staging' : 'development' };
      const name = `acct-${unit}-${i}`;
      accountList.push({ name, email: `aws+${name}@example.com`, environment: env, tags: { 'cost-center': unit } });
      (i % 3 === 0 ? prod : nonProd).push(name);
    }
    ous.push({
      name: unit,
      children: [
        { name: 'Prod', accounts: prod },
        { name: 'NonProd', accounts: nonProd },
      ],
    });
  }
  return {
    version: 1,
    organization: {
      name: 'bench',
      managementAccount: { name: 'bench-management', email: 'aws+management@example.com' },
      homeRegion: 'eu-west-1',
      allowedRegions: ['eu-west-1', 'eu-central-1'],
    },
    environments,
    organizationalUnits: ous,
    accounts: accountList,
    policies: {
      serviceControlPolicies: [
        {
          name: 'deny-outside-allowed-regions',
          targets: ['root'],
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Deny',
                NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
                Resource: '*',
                Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
              },
            ],
          },
        },
        ...Array.from({ length: 19 }, (_, i) => ({
          name: `guardrail-${i}`,
          targets: [`ou:bu${String(i).padStart(2, '0')}`],
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Deny',
                Action: ['ec2:TerminateInstances', 's3:DeleteBucket', 'dynamodb:DeleteTable'],
                Resource: '*',
              },
            ],
          },
        })),
      ],
    },
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [count = '5000', out = 'bench/out/org-5000.yaml'] = process.argv.slice(2);
  writeFileSync(out, stringify(generateOrg(Number(count)), { lineWidth: 0 }));
  console.log(`wrote ${out} with ${count} accounts`);
}
