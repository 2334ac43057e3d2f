/* global fetch */
// moto for the peer benchmark: started on a free port, reset between runs, given an organization with only its
// management account, and read back with boto3 (neither tool's code) to check what an apply left there.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout } from 'node:timers';

export const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

/** Says what is missing instead of failing later: moto (python3 -m moto.server) and boto3. */
export function checkMoto() {
  const r = spawnSync('python3', ['-c', 'import moto, boto3, flask; print(moto.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0)
    return `moto is not available (python3 -c "import moto, boto3, flask" failed: ${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)}); install it with: pip install 'moto[server]'`;
  return undefined;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export async function startMoto() {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited (${child.exitCode}): ${stderr.trim()}`);
    try {
      const r = await fetch(`${endpoint}/moto-api/`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`moto did not answer on ${endpoint} within 30 s: ${stderr.trim()}`);
  }
  return {
    endpoint,
    child,
    async reset() {
      const r = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!r.ok) throw new Error(`moto reset failed: ${r.status}`);
    },
    stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

function boto(endpoint, script) {
  const r = spawnSync('python3', ['-c', script], {
    encoding: 'utf8',
    env: { ...process.env, ...CREDENTIALS, AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: endpoint },
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`boto3 script failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/**
 * An organization with only its management account (both tools start from there). moto builds each service's
 * state on its first call after a reset, and its first STS call also builds IAM's, loading every AWS managed policy
 * (100-150 ms here): that call is made here too, as create_organization makes Organizations', so that neither tool's
 * time holds a cost AWS does not have.
 */
export function createOrganization(endpoint) {
  boto(
    endpoint,
    "import boto3\nboto3.client('organizations').create_organization(FeatureSet='ALL')\nboto3.client('sts').get_caller_identity()",
  );
}

/** OU paths, account name → OU path, and SCP name → targets (`root` or OU path), as moto holds them. */
export function readState(endpoint) {
  const script = `
import boto3, json
o = boto3.client('organizations')
root = o.list_roots()['Roots'][0]['Id']
paths = {root: None}
ous = []
def walk(parent, prefix):
    for page in o.get_paginator('list_organizational_units_for_parent').paginate(ParentId=parent):
        for ou in page['OrganizationalUnits']:
            path = ou['Name'] if prefix is None else prefix + '/' + ou['Name']
            paths[ou['Id']] = path
            ous.append(path)
            walk(ou['Id'], path)
walk(root, None)
accounts = {}
for parent, path in paths.items():
    for page in o.get_paginator('list_accounts_for_parent').paginate(ParentId=parent):
        for a in page['Accounts']:
            if a['Id'] != '123456789012':
                accounts[a['Name']] = path
policies = {}
for page in o.get_paginator('list_policies').paginate(Filter='SERVICE_CONTROL_POLICY'):
    for p in page['Policies']:
        if p['AwsManaged']:
            continue
        targets = []
        for tp in o.get_paginator('list_targets_for_policy').paginate(PolicyId=p['Id']):
            for t in tp['Targets']:
                targets.append('root' if t['Type'] == 'ROOT' else paths.get(t['TargetId'], t['TargetId']))
        policies[p['Name']] = sorted(targets)
print(json.dumps({'ous': sorted(ous), 'accounts': accounts, 'policies': policies}))
`;
  return JSON.parse(boto(endpoint, script));
}
