import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAwsIni, profileOf } from '../../src/toolkit/profiles/ini-parse.js';
import { requireTool } from '../support/fidelity/tools.js';

/**
 * The written files as the AWS CLI v1 / boto3 read them: botocore's own config loader (configparser inside)
 * sees every generated profile with its SSO keys, refuses every file bulkhead refuses as invalid, and splits
 * credential_process into the argv bulkhead meant.
 */
const root = join(import.meta.dirname, '..', 'cases', 'profiles-write');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(root, d.name));

const LOADER = `
import json, sys
from botocore.configloader import load_config
from botocore.compat import compat_shell_split
try:
    c = load_config(sys.argv[1])
except Exception as e:
    print(json.dumps({"error": type(e).__name__}))
    sys.exit(0)
for p in c["profiles"].values():
    if "credential_process" in p:
        p["credential_process_argv"] = compat_shell_split(p["credential_process"])
print(json.dumps({"profiles": c["profiles"], "sso_sessions": c.get("sso_sessions", {})}))
`;

interface Loaded {
  error?: string;
  profiles: Record<string, Record<string, unknown>>;
  sso_sessions: Record<string, Record<string, string>>;
}

function botocoreLoad(file: string): Loaded {
  const r = spawnSync('python3', ['-c', LOADER, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Loaded;
}

describe('botocore reads what profiles --write writes', () => {
  beforeAll(() => requireTool('botocore'));

  const written = cases.filter((c) => existsSync(join(c, 'after.ini')));
  it.each(written)('%s', (dir) => {
    const file = join(dir, 'after.ini');
    const loaded = botocoreLoad(file);
    expect(loaded.error).toBeUndefined();
    const parsed = parseAwsIni(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.problem);
    // The block written last is the case's own (a foreign one may come before it).
    const session = [...readFileSync(file, 'utf8').matchAll(/^# >>> bulkhead profiles: (\S+) /gm)].pop()![1]!;
    expect(loaded.sso_sessions[session]).toMatchObject({ sso_registration_scopes: 'sso:account:access' });
    expect(loaded.sso_sessions[session]!['sso_start_url']).toMatch(/^https?:\/\/.+\/start$/);
    // Every section our parser sees is a profile botocore sees, with the same keys for ours.
    const names = parsed.document.sections.map((s) => profileOf(s.name)).filter((n) => n !== undefined);
    expect(Object.keys(loaded.profiles).sort()).toEqual([...names].sort());
    const ours = Object.values(loaded.profiles).filter(
      (p) => p['bulkhead_environment'] !== undefined && (p['sso_session'] ?? session) === session,
    );
    expect(ours.length).toBeGreaterThan(0);
    for (const p of ours) {
      if (p['credential_process'] !== undefined) {
        const argv = p['credential_process_argv'] as string[];
        expect(argv.slice(0, 2)).toEqual(['/usr/bin/node', "/opt/my tools/it's/bin/bulkhead.js"]);
        expect(argv.slice(2)).toEqual([
          'credentials',
          '-f',
          '<cases>/org.yaml',
          '--endpoint',
          'http://127.0.0.1:4577',
          '--stage',
          p['bulkhead_environment'],
          '--permission-set',
          expect.any(String),
          // Production profiles confirm themselves (no terminal under the AWS CLI).
          ...(p['bulkhead_environment'] === 'prod' ? ['--confirm-prod'] : []),
        ]);
      } else {
        expect(p).toMatchObject({ sso_session: session, sso_role_name: expect.any(String), region: 'eu-west-1' });
        expect(p['sso_account_id']).toMatch(/^\d{12}$/);
      }
    }
  });

  const invalid = cases.filter(
    (c) =>
      existsSync(join(c, 'error.json')) &&
      (JSON.parse(readFileSync(join(c, 'error.json'), 'utf8')) as { code: string }).code === 'config-invalid',
  );
  it.each(invalid)('refuses %s as bulkhead does', (dir) => {
    expect(botocoreLoad(join(dir, 'before.ini')).error).toBe('ConfigParseError');
  });
});
