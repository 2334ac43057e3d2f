import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical-json.js';
import { emptyObservedState, type ObservedState } from '../../src/model/observed.js';
import { stateFingerprint } from '../../src/plan/fingerprint.js';

const TAG_KEYS = ['a', 'B', 'i', 'I', 'ı', 'z', 'ä'];

function state(): ObservedState {
  const s = emptyObservedState();
  s['organizational-unit'] = TAG_KEYS.map((k, i) => ({
    id: `ou-r-${i}`,
    arn: `arn:ou/${k}`,
    name: k,
    parentId: 'r-root',
    path: k,
    tags: Object.fromEntries(TAG_KEYS.map((t) => [t, k])),
  }));
  s.account = [
    { id: '2', arn: 'arn:2', name: 'b', email: 'b@x', status: 'ACTIVE', parentId: 'r-root', tags: { ı: '1', i: '2' } },
    { id: '1', arn: 'arn:1', name: 'a', email: 'a@x', status: 'ACTIVE', parentId: 'r-root', tags: { ä: '1', z: '2' } },
  ];
  s['policy-attachment'] = [
    { policyId: 'p-1', policyName: 'x', targetId: 'r-root' },
    { policyId: 'p-1', policyName: 'x', targetId: 'ou-r-1' },
  ];
  return s;
}

/** The same records with every object's keys in reverse order. */
const reverseKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(reverseKeys)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reverseKeys(x)]),
        )
      : v;

describe('stateFingerprint', () => {
  it('does not depend on the order of records within a kind', () => {
    const s = state();
    const shuffled = {
      ...s,
      account: [...s.account].reverse(),
      'organizational-unit': [...s['organizational-unit']].reverse(),
    };
    shuffled['policy-attachment'] = [...s['policy-attachment']].reverse();
    expect(stateFingerprint(shuffled)).toBe(stateFingerprint(s));
  });

  it('does not depend on the order of object keys', () => {
    expect(stateFingerprint(reverseKeys(state()) as ObservedState)).toBe(stateFingerprint(state()));
  });

  it('changes when any record changes', () => {
    const base = stateFingerprint(state());
    const edits: ((s: ObservedState) => void)[] = [
      (s) => (s.account[0]!.tags['ı'] = 'changed'),
      (s) => (s.account[1]!.status = 'SUSPENDED'),
      (s) => (s['organizational-unit'][3]!.name = 'renamed'),
      (s) => s['policy-attachment'].pop(),
      (s) => s['policy-type'].push({ type: 'SERVICE_CONTROL_POLICY', rootId: 'r-root' }),
      (s) => s.pending.createAccount.push({ requestId: 'car-1', accountName: 'c' }),
      // The same record moved to another kind is another state.
      (s) => s.policy.push(...(s['policy-attachment'].splice(0, 1) as never[])),
    ];
    const seen = new Set([base]);
    for (const edit of edits) {
      const s = state();
      edit(s);
      const f = stateFingerprint(s);
      expect(seen.has(f), String(edit)).toBe(false);
      seen.add(f);
    }
  });

  it('is the same under every locale', () => {
    // Bundled once, then run in fresh processes whose ICU default locale differs: under sv_SE 'ä'
    // sorts after 'z', under tr_TR 'ı' before 'I', so any localeCompare in the path would show.
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-fingerprint-'));
    const bundle = join(dir, 'fingerprint.mjs');
    buildSync({
      stdin: {
        contents: `export { stateFingerprint } from './src/plan/fingerprint.ts'; export { emptyObservedState } from './src/model/observed.ts';`,
        resolveDir: join(import.meta.dirname, '..', '..'),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent',
    });
    const script = `import(${JSON.stringify(bundle)}).then((m) => {
      const s = JSON.parse(process.argv[1]);
      const order = ${JSON.stringify(TAG_KEYS)}.sort((a, b) => a.localeCompare(b)).join('');
      console.log(JSON.stringify({ locale: Intl.DateTimeFormat().resolvedOptions().locale, order, fp: m.stateFingerprint(s) }));
    })`;
    const run = (locale: string) =>
      JSON.parse(
        execFileSync(process.execPath, ['-e', script, JSON.stringify(state())], {
          env: { PATH: process.env['PATH'], LANG: locale, LC_ALL: locale },
          encoding: 'utf8',
        }),
      ) as { locale: string; order: string; fp: string };
    const results = ['C', 'en_US.UTF-8', 'tr_TR.UTF-8', 'sv_SE.UTF-8', 'de_DE.UTF-8'].map(run);
    // The locales really differ (else this test could not fail) …
    expect(new Set(results.map((r) => r.order)).size).toBeGreaterThan(1);
    // … and the fingerprint does not.
    expect(new Set(results.map((r) => r.fp))).toEqual(new Set([stateFingerprint(state())]));
  });
});

describe('canonicalJson', () => {
  it('sorts keys by code point, not by locale', () => {
    const keys = Object.keys(JSON.parse(canonicalJson(Object.fromEntries(TAG_KEYS.map((k) => [k, 1]))))).join(' ');
    // Code points: B (66) I (73) a (97) i (105) z (122) ä (228) ı (305).
    expect(keys).toBe('B I a i z ä ı');
  });

  it('sorts nested objects and keeps array order', () => {
    expect(canonicalJson({ b: [{ z: 1, a: 2 }, 3], a: { ı: 1, i: 2 } })).toBe(
      '{"a":{"i":2,"ı":1},"b":[{"a":2,"z":1},3]}',
    );
  });
});
